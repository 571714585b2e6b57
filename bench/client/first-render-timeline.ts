import { loadavg } from 'node:os'
import type { CDPSession } from 'playwright-core'
import { currentBuild } from '../../scripts/build/build.ts'
import { launchChromium } from '../../test/e2e/browser.ts'
import { waitForQuietMachine } from './quiet-machine.ts'
import { startClientBenchServer } from './server.ts'
import { seedNotes } from './seed.ts'
import type { TraceEvent } from './frames.ts'

/**
 * `node --import tsx bench/client/first-render-timeline.ts [--notes 10000] [--runs 1]`: opens
 * one seeded board in headless Chromium and prints the first render's timeline, in ms from
 * navigation start: every request (start, first byte, end, size on the wire), the sync
 * socket (created, open, first and last frame until the first sync), the app's performance
 * marks, and the main thread's long tasks (over 50 ms) with what ran in them. What bench:client
 * --first-render reports as one number, this shows as a waterfall (issue 17, target 4).
 */
function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`)
  return index >= 0 ? process.argv[index + 1] : undefined
}
const NOTES = Number(option('notes') ?? 10_000)
const RUNS = Number(option('runs') ?? 1)
/** --profile: also the main thread's busiest functions in each 50 ms of the timeline. */
const PROFILE = process.argv.includes('--profile')
const BUCKET_MS = 50
/** --trace: the main thread's tasks over MIN_TASK_MS from a Chromium trace, with what ran in each. */
const TRACE = process.argv.includes('--trace')
const MIN_TASK_MS = 8

function mainThreadTasks(events: readonly TraceEvent[], navStart: number): string[] {
  const mains = events.filter(
    (event) => event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain',
  )
  const lines: string[] = []
  for (const main of mains) {
    const onMain = events.filter((event) => event.pid === main.pid && event.tid === main.tid && event.ph === 'X')
    const tasks = onMain.filter(
      (event) => event.name === 'ThreadControllerImpl::RunTask' && (event.dur ?? 0) > MIN_TASK_MS * 1000,
    )
    for (const task of tasks) {
      const end = task.ts + (task.dur ?? 0)
      const inside = onMain.filter(
        (event) => event !== task && event.ts >= task.ts && event.ts < end && (event.dur ?? 0) > 2000,
      )
      const parts = inside
        .filter((event) => event.name !== 'ThreadControllerImpl::RunTask')
        .slice(0, 6)
        .map((event) => {
          const data = event.args?.data
          const detail = data?.functionName || data?.type || data?.url?.split('/').pop() || ''
          return `${event.name}${detail ? `(${detail})` : ''} ${Math.round((event.dur ?? 0) / 1000)}`
        })
      const at = Math.round(task.ts / 1000 - navStart)
      if (at < -50) continue
      lines.push(
        `${pad(at)}+${Math.round((task.dur ?? 0) / 1000)} cpu ${Math.round((task.tdur ?? 0) / 1000)}: ${parts.join(', ')}`,
      )
    }
  }
  const window_ = process.env['TRACE_WINDOW']?.split('-').map(Number)
  if (window_) {
    for (const main of mains) {
      for (const event of events) {
        if (event.pid !== main.pid || event.tid !== main.tid) continue
        const at = event.ts / 1000 - navStart
        if (at < (window_[0] as number) || at > (window_[1] as number)) continue
        if (event.ph === 'X' && (event.dur ?? 0) < 300) continue
        const data = event.args?.data
        const detail = data?.functionName || data?.type || data?.url?.split('/').pop() || ''
        lines.push(
          `${pad(Math.round(at))} ${event.ph} ${event.name}${detail ? `(${detail})` : ''} ${((event.dur ?? 0) / 1000).toFixed(1)}`,
        )
      }
    }
  }
  return lines.sort((a, b) => parseInt(a) - parseInt(b))
}

/** --callers: with each function, its nearest caller in the app's own chunks. */
const CALLERS = process.argv.includes('--callers')

interface ProfileNode {
  children?: number[]
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
}

async function profileBuckets(cdp: CDPSession, navStart: number): Promise<string[]> {
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as {
    profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number }
  }
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]))
  const parent = new Map<number, number>()
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id)
  /** The nearest caller in the app's own code (not a library chunk): who asked for this work. */
  const appCaller = (id: number): string => {
    for (let at = parent.get(id); at !== undefined; at = parent.get(at)) {
      const frame = byNode.get(at)?.callFrame
      if (frame && /BoardPage|main-/.test(frame.url) && frame.functionName)
        return ` ← ${frame.functionName}:${frame.lineNumber + 1}`
    }
    return ''
  }
  const buckets = new Map<number, Map<string, number>>()
  let time = profile.startTime
  for (let i = 0; i < profile.samples.length; i++) {
    time += profile.timeDeltas[i] ?? 0
    const node = byNode.get(profile.samples[i] as number)
    const weight = (profile.timeDeltas[i + 1] ?? 0) / 1000
    if (!node || node.callFrame.functionName === '(idle)' || node.callFrame.functionName === '(program)') continue
    const bucket = Math.floor((time / 1000 - navStart) / BUCKET_MS) * BUCKET_MS
    const fns = buckets.get(bucket) ?? new Map<string, number>()
    buckets.set(bucket, fns)
    const { functionName, url, lineNumber } = node.callFrame
    const key = `${functionName || '(anon)'} ${url.split('/').pop()?.slice(0, 12) ?? ''}:${lineNumber + 1}${CALLERS ? appCaller(node.id) : ''}`
    fns.set(key, (fns.get(key) ?? 0) + weight)
  }
  return [...buckets]
    .sort((a, b) => a[0] - b[0])
    .map(([at, fns]) => {
      const busy = [...fns.values()].reduce((a, b) => a + b, 0)
      const top = [...fns].sort((a, b) => b[1] - a[1]).slice(0, 4)
      return `${pad(at)} ${busy.toFixed(0).padStart(3)}: ${top.map(([fn, ms]) => `${fn} ${ms.toFixed(0)}`).join(' | ')}`
    })
}

interface Row {
  at: number
  end: number
  what: string
}

async function main(): Promise<void> {
  await currentBuild() // the web app the server serves (dist/client)
  const server = await startClientBenchServer({ BOARD_MAX_NOTES: '100000' })
  const browser = await launchChromium()
  try {
    const board = await server.createBoard(`Timeline ${NOTES}`)
    await seedNotes(server.syncUrl, board.id, board.tokens.facilitator, NOTES)
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' })
      const page = await context.newPage()
      const cdp = await context.newCDPSession(page)
      await cdp.send('Network.enable')
      const rows = new Map<string, Row & { bytes: number; firstByte: number; queued?: number }>()
      let navStart = 0
      const ms = (timestamp: number) => Math.round(timestamp * 1000 - navStart)
      cdp.on('Network.requestWillBeSent', (event) => {
        if (event.type === 'Document' && navStart === 0) navStart = event.timestamp * 1000
        const url = event.request.url.replace(/^https?:\/\/[^/]+/, '')
        rows.set(event.requestId, { at: ms(event.timestamp), end: 0, firstByte: 0, bytes: 0, what: url })
      })
      cdp.on('Network.responseReceived', (event) => {
        const row = rows.get(event.requestId)
        // The network's own times (the event itself reaches the page's session later when
        // its main thread is busy): headers received, from the request's start.
        const timing = event.response.timing
        if (row) row.firstByte = timing ? ms(timing.requestTime + timing.receiveHeadersEnd / 1000) : ms(event.timestamp)
        if (row && timing) row.queued = Math.round(timing.sendStart)
      })
      cdp.on('Network.loadingFinished', (event) => {
        const row = rows.get(event.requestId)
        if (row) {
          row.end = ms(event.timestamp)
          row.bytes = event.encodedDataLength
        }
      })
      const socket = { created: 0, open: 0, frames: [] as { at: number; bytes: number; dir: string }[] }
      cdp.on('Network.webSocketCreated', () => {
        socket.created = Math.round(performance.now())
      })
      cdp.on('Network.webSocketHandshakeResponseReceived', (event) => {
        socket.open = ms(event.timestamp)
      })
      cdp.on('Network.webSocketFrameReceived', (event) => {
        socket.frames.push({ at: ms(event.timestamp), bytes: event.response.payloadData.length, dir: 'in' })
      })
      cdp.on('Network.webSocketFrameSent', (event) => {
        socket.frames.push({ at: ms(event.timestamp), bytes: event.response.payloadData.length, dir: 'out' })
      })
      await page.addInitScript(() => {
        const w = window as unknown as { __longTasks: { at: number; ms: number }[] }
        w.__longTasks = []
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) w.__longTasks.push({ at: entry.startTime, ms: entry.duration })
        }).observe({ type: 'longtask', buffered: true })
      })
      const traceEvents: TraceEvent[] = []
      if (TRACE) {
        cdp.on('Tracing.dataCollected', (data: { value: object[] }) => {
          for (const event of data.value) traceEvents.push(event as TraceEvent)
        })
        await cdp.send('Tracing.start', {
          traceConfig: {
            includedCategories: [
              'toplevel',
              'devtools.timeline',
              'v8.execute',
              'disabled-by-default-devtools.timeline',
            ],
            recordMode: 'recordAsMuchAsPossible',
          },
        })
      }
      if (PROFILE) {
        await cdp.send('Profiler.enable')
        await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
        await cdp.send('Profiler.start')
      }
      await waitForQuietMachine()
      const load = loadavg()[0]?.toFixed(1)
      await page.goto(board.links.participant.replace(/^https?:\/\/[^/]+/, server.url))
      await page.waitForFunction(() => performance.getEntriesByName('kokeileva:first-render').length > 0, null, {
        timeout: 60_000,
        polling: 10,
      })
      const page_ = await page.evaluate(() => ({
        marks: performance
          .getEntriesByType('mark')
          .map((mark) => ({ name: mark.name, at: Math.round(mark.startTime) }))
          .concat(
            performance
              .getEntriesByType('paint')
              .map((paint) => ({ name: paint.name, at: Math.round(paint.startTime) })),
          ),
        longTasks: (window as unknown as { __longTasks: { at: number; ms: number }[] }).__longTasks.map((task) => ({
          at: Math.round(task.at),
          ms: Math.round(task.ms),
        })),
      }))
      let tasks: string[] = []
      if (TRACE) {
        const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()))
        await cdp.send('Tracing.end')
        await complete
        tasks = mainThreadTasks(traceEvents, navStart)
      }
      const buckets = PROFILE ? await profileBuckets(cdp, navStart) : []
      const lines: string[] = []
      for (const row of rows.values()) {
        const kb = (row.bytes / 1024).toFixed(1)
        lines.push(
          `${pad(row.at)}  → ${pad(row.firstByte)} → ${pad(row.end)}  ${kb.padStart(7)} kB  ${row.what}${row.queued !== undefined ? ` (sent after ${row.queued} ms)` : ''}`,
        )
      }
      const frames = socket.frames
      const inbound = frames.filter((frame) => frame.dir === 'in')
      process.stdout.write(
        `\n=== run ${run + 1} (${NOTES} notes, load ${load}) ===\nrequests (sent → first byte → done):\n`,
      )
      process.stdout.write(lines.sort().join('\n') + '\n')
      // The board's first socket is held by a worker (client/src/board/data/worker-socket.ts),
      // whose network this page's session does not see: only a socket the page opens itself is.
      if (socket.open === 0) process.stdout.write('socket: held by a worker, not seen here\n')
      else
        process.stdout.write(
          `socket: open ${socket.open}, frames out ${frames.filter((f) => f.dir === 'out').length}, in ${inbound.length}` +
            ` (first in ${inbound[0]?.at ?? '-'}, biggest ${Math.max(0, ...inbound.map((f) => f.bytes))} B at ${
              inbound.reduce((a, b) => (b.bytes > a.bytes ? b : a), { at: 0, bytes: 0 }).at
            })\n`,
        )
      process.stdout.write(`marks: ${page_.marks.map((mark) => `${mark.name} ${mark.at}`).join(', ')}\n`)
      process.stdout.write(`long tasks: ${page_.longTasks.map((task) => `${task.at}+${task.ms}`).join(', ')}\n`)
      process.stdout.write(`socket frames: ${frames.map((f) => `${f.dir} ${f.at} ${f.bytes}B`).join(', ')}\n`)
      if (TRACE)
        process.stdout.write(
          `main-thread tasks over ${MIN_TASK_MS} ms (start+wall ms, cpu ms: what ran):\n${tasks.join('\n')}\n`,
        )
      if (PROFILE)
        process.stdout.write(
          `main thread per ${BUCKET_MS} ms (busy ms: top functions by self ms):\n${buckets.join('\n')}\n`,
        )
      await context.close()
    }
  } finally {
    // The server is stopped whatever the browser does: left running, it would outlive the tool.
    await browser.close().catch(() => undefined)
    await server.close()
  }
}

const pad = (n: number) => String(n).padStart(5)

main().catch((error: unknown) => {
  process.stderr.write(`first-render-timeline failed: ${error instanceof Error ? error.stack : String(error)}\n`)
  process.exit(1)
})
