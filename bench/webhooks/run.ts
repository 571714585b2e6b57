/**
 * Webhooks benchmark: how long a registry change takes to reach a receiver, and what a
 * failing receiver costs in retries. A real server (SQLite, from source) and a real local
 * receiver (node:http); the retry schedule is the code's with its numbers shortened
 * (first delay 100 ms), as the tests do, so a day of backoff is not waited for.
 *
 *   npm run bench:webhooks                 # CHANGES=100 FAILURES=3 by default
 *
 * Writes bench/results/webhooks-latest.json and .md (and a timestamped JSON copy).
 */
import { machineInfo, currentCommit, writeResults } from '../results-files.ts'
import { api, boardWithNotes, hubToken, patchIdea, promote } from '../../test/helpers/ideas.ts'
import { startServer } from '../../test/helpers/server.ts'
import { WebhookReceiver } from '../../test/helpers/webhook-receiver.ts'

const CHANGES = Number(process.env['CHANGES'] ?? 100)
const FAILURES = Number(process.env['FAILURES'] ?? 3)
const SECRET = 'bench-webhook-secret-0123456789'

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN
}

async function waitFor(check: () => boolean, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

async function run() {
  const startedAt = new Date().toISOString()
  const receiver = await new WebhookReceiver().start()
  const server = await startServer(
    { WEBHOOK_URLS: receiver.url, WEBHOOK_SECRET: SECRET },
    { webhooks: { schedule: { firstDelayMs: 100, factor: 2, maxDelayMs: 2000, pollMs: 1000 } } },
  )
  try {
    const { board, facilitator, noteIds } = await boardWithNotes(
      server,
      Array.from({ length: CHANGES }, (_, index) => ({ text: `Idea ${index + 1}` })),
    )
    // 1. Latency: one change at a time; from the request's start and from its answer to the receiver.
    const fromStart: number[] = []
    const fromAnswer: number[] = []
    const ideaIds: string[] = []
    for (const noteId of noteIds) {
      const expected = receiver.requests.length + 1
      const started = performance.now() + performance.timeOrigin
      const answer = await promote(server, board, { noteIds: [noteId] })
      const answered = performance.now() + performance.timeOrigin
      ideaIds.push(answer.body.id)
      await waitFor(() => receiver.requests.length >= expected)
      const arrived = receiver.requests[expected - 1]!.at
      fromStart.push(arrived - started)
      fromAnswer.push(arrived - answered)
    }
    facilitator.destroy()

    // 2. A burst: every idea moved at once (CHANGES concurrent PATCHes); until the last arrives.
    const burstStart = Date.now()
    const before = receiver.requests.length
    await Promise.all(ideaIds.map((id) => patchIdea(server, id, { status: 'screening' })))
    const burstAnswered = Date.now() - burstStart
    await waitFor(() => receiver.requests.length >= before + CHANGES)
    const burstDelivered = Date.now() - burstStart

    // 3. Retries: the receiver fails the next (deliveries × FAILURES) requests, whichever they are.
    const retried = ideaIds.slice(0, 10)
    receiver.answers = Array.from({ length: retried.length * FAILURES }, () => 'fail' as const)
    const acceptedBefore = receiver.accepted.size
    const retryStart = Date.now()
    for (const id of retried) await patchIdea(server, id, { status: 'evaluating' })
    await waitFor(() => receiver.accepted.size >= acceptedBefore + retried.length)
    const retryDone = Date.now() - retryStart
    const page = await api<{ items: Array<{ attempts: number; event: string; state: string }> }>(
      server,
      'GET',
      '/api/webhooks/deliveries?limit=500',
      { token: hubToken(server) },
    )
    const attempts = page.body.items.filter((item) => item.state === 'delivered').map((item) => item.attempts)
    const retriedAttempts = attempts.filter((count) => count > 1)

    const result = {
      machine: machineInfo(),
      commit: currentCommit(),
      startedAt,
      changes: CHANGES,
      latencyFromRequestMs: {
        p50: percentile(fromStart, 50),
        p95: percentile(fromStart, 95),
        max: Math.max(...fromStart),
      },
      latencyFromAnswerMs: {
        p50: percentile(fromAnswer, 50),
        p95: percentile(fromAnswer, 95),
        max: Math.max(...fromAnswer),
      },
      burst: { changes: CHANGES, answeredMs: burstAnswered, allDeliveredMs: burstDelivered },
      retries: {
        deliveries: retried.length,
        failuresEach: FAILURES,
        attemptsEach: [...new Set(retriedAttempts)],
        untilAllDeliveredMs: retryDone,
        duplicatesAccepted: receiver.requests.length - receiver.accepted.size - retried.length * FAILURES,
      },
    }
    const table = [
      `| measure | value |`,
      `|---|---|`,
      `| change → receiver, from the request (p50 / p95 / max) | ${result.latencyFromRequestMs.p50.toFixed(1)} / ${result.latencyFromRequestMs.p95.toFixed(1)} / ${result.latencyFromRequestMs.max.toFixed(1)} ms |`,
      `| change → receiver, after the answer (p50 / p95 / max) | ${result.latencyFromAnswerMs.p50.toFixed(1)} / ${result.latencyFromAnswerMs.p95.toFixed(1)} / ${result.latencyFromAnswerMs.max.toFixed(1)} ms |`,
      `| ${CHANGES} concurrent changes: answered / all delivered | ${burstAnswered} / ${burstDelivered} ms |`,
      `| ${retried.length} deliveries, the receiver failing the next ${retried.length * FAILURES} requests (first delay 100 ms): attempts per delivery / until all delivered | ${result.retries.attemptsEach.join(', ')} / ${retryDone} ms |`,
      `| duplicates a de-duplicating receiver saw | ${result.retries.duplicatesAccepted} |`,
    ].join('\n')
    const file = writeResults('webhooks', startedAt, result, table)
    console.log(table)
    console.log(`\nwritten: ${file}`)
  } finally {
    await server.close()
    await receiver.stop()
  }
}

await run()
