import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CloseCode } from '@shared/protocol.ts'
import { connectClient, openRaw } from '../helpers/clients.ts'
import { connectVersionedClient } from '../helpers/client-versions.ts'
import { eventually } from '../helpers/poll.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import { openBoardSession } from '../helpers/sessions.ts'

/** Attempts each refused client makes in the test; the first is answered at once. */
const ATTEMPTS = 5

describe('refused connections', () => {
  let server: TestServer
  const log: string[] = []
  beforeAll(async () => {
    server = await startServer(
      { LOG_LEVEL: 'info', MAX_CLIENTS_PER_BOARD: '1' },
      { logStream: { write: (line) => void log.push(line) } },
    )
  })
  afterAll(async () => {
    await server.close()
  })

  it('an old client that reconnects after every refusal gets about one attempt a second and one log line', async () => {
    const [board, other, third, full] = await Promise.all([
      server.createBoard(),
      server.createBoard(),
      server.createBoard(),
      server.createBoard(),
    ])
    const member = connectClient(server.syncUrl, full.id, full.tokens.participant)
    await member.synced()
    // y-websocket 1.x reconnects 100 ms after any close, whatever the code.
    const cases = [
      { room: board.id, token: 'forged', code: CloseCode.Unauthorized },
      { room: other.id, token: third.tokens.participant, code: CloseCode.Forbidden },
      { room: 'NoSuchBoard1', token: server.app.tokens.sign('NoSuchBoard1', 'participant'), code: CloseCode.NotFound },
      { room: full.id, token: full.tokens.participant, code: CloseCode.BoardFull },
    ].map((refusal) => {
      const codes: number[] = []
      const client = connectVersionedClient('1.5.4', server.syncUrl, refusal.room, { token: refusal.token })
      client.provider.on('connection-close', (event: { code: number }) => codes.push(event.code))
      return { ...refusal, client, codes }
    })
    await eventually(() => expect(cases.every(({ client }) => client.attempts >= ATTEMPTS)).toBe(true), {
      timeoutMs: 20_000,
    })
    for (const { client } of cases) client.destroy()
    member.destroy()

    for (const { room, client, codes, code } of cases) {
      expect(codes[0]).toBe(code)
      expect(new Set(codes)).toEqual(new Set([code]))
      // After the first refusal each one is held about a second: a lower bound, which a
      // loaded machine can only make longer.
      const times = client.attemptTimes
      expect(
        times[ATTEMPTS - 1]! - times[1]!,
        `attempts at ${times.map((t) => t - times[0]!).join(', ')} ms`,
      ).toBeGreaterThanOrEqual((ATTEMPTS - 2) * 900)
      // Every line about this board except its own life cycle (created, loaded).
      const lines = log.filter((line) => line.includes(room) && !/"msg":"board (created|loaded)"/.test(line))
      expect(lines.length, lines.join('\n')).toBeLessThanOrEqual(1)
    }
  })

  it('closes 4429 when a board is full, and the board client says so', async () => {
    const board = await server.createBoard()
    const member = connectClient(server.syncUrl, board.id, board.tokens.participant)
    await member.synced()
    const extra = openRaw(`${server.syncUrl}/${board.id}?token=${board.tokens.participant}`)
    expect((await extra.closed).code).toBe(CloseCode.BoardFull)

    const session = openBoardSession(server.syncUrl, board.id, board.tokens.participant, 'Late')
    try {
      await eventually(() => expect(session.connection.get()).toEqual({ kind: 'reconnecting', boardFull: true }))
      member.destroy()
      await eventually(() => expect(session.connection.get()).toEqual({ kind: 'connected' }), { timeoutMs: 15_000 })
    } finally {
      session.destroy()
    }
  })
})
