import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SocketCommand, SocketReport } from '../../../client/src/board/data/socket-worker-messages.ts'
import {
  dropWarmSocketWorker,
  warmSocketWorker,
  WorkerWebSocket,
} from '../../../client/src/board/data/worker-socket.ts'
import { openEarly, resetEarlyForTests, takeEarly } from '../../../client/src/board/data/early-connection.ts'

/** A dedicated worker the test plays: it records the page's commands and reports on request. */
class FakeWorker {
  static made: FakeWorker[] = []
  static failToStart = false
  onmessage: ((event: MessageEvent<SocketReport>) => void) | null = null
  onerror: ((event: Event) => void) | null = null
  readonly commands: SocketCommand[] = []
  terminated = false
  constructor(readonly url: URL) {
    if (FakeWorker.failToStart) throw new DOMException('refused by the policy', 'SecurityError')
    FakeWorker.made.push(this)
  }
  postMessage(command: SocketCommand): void {
    this.commands.push(structuredClone(command))
  }
  terminate(): void {
    this.terminated = true
  }
  report(report: SocketReport): void {
    this.onmessage?.(new MessageEvent('message', { data: report }))
  }
}

/** Node 20 has no CloseEvent; the browser's carries these three. */
class TestCloseEvent extends Event {
  readonly code: number
  readonly reason: string
  readonly wasClean: boolean
  constructor(type: string, init: { code?: number; reason?: string; wasClean?: boolean } = {}) {
    super(type)
    this.code = init.code ?? 0
    this.reason = init.reason ?? ''
    this.wasClean = init.wasClean ?? false
  }
}

const globals = globalThis as Record<string, unknown>
const saved = { Worker: globals['Worker'], CloseEvent: globals['CloseEvent'] }

beforeEach(() => {
  FakeWorker.made = []
  FakeWorker.failToStart = false
  globals['Worker'] = FakeWorker
  globals['CloseEvent'] ??= TestCloseEvent
})
afterEach(() => {
  resetEarlyForTests()
  globals['Worker'] = saved.Worker
  globals['CloseEvent'] = saved.CloseEvent
})

function events(socket: WorkerWebSocket): string[] {
  const seen: string[] = []
  socket.onopen = () => seen.push('open')
  socket.onmessage = (event) => seen.push(`message ${new Uint8Array(event.data as ArrayBuffer).join(',')}`)
  socket.onerror = () => seen.push('error')
  socket.onclose = (event) => seen.push(`close ${event.code} ${event.reason} ${event.wasClean}`)
  return seen
}

/** The early connection of board1, new to this device (it asks for the whole board). */
function openNewBoardEarly(ticket: () => Promise<string>): void {
  openEarly({
    boardId: 'board1',
    token: 'tok',
    syncUrl: 'ws://host/sync',
    participant: () => 'p1',
    participantReady: Promise.resolve(),
    askForAll: true,
    ticket,
  })
}

const until = (check: () => boolean) => expect.poll(check, { timeout: 1000, interval: 5 }).toBe(true)

describe('WorkerWebSocket: the board’s socket held by a worker', () => {
  it('opens in its worker, passes messages on whole, and counts what the worker has not yet sent', () => {
    const socket = new WorkerWebSocket('ws://host/sync/board1?ticket=t')
    const seen = events(socket)
    const worker = FakeWorker.made[0]!
    expect(worker.url.pathname).toMatch(/socket-worker\.ts$/)
    expect(worker.commands).toEqual([{ type: 'open', url: 'ws://host/sync/board1?ticket=t' }])
    expect(socket.readyState).toBe(WorkerWebSocket.CONNECTING)
    // As a WebSocket: no sending before the open.
    expect(() => socket.send(new Uint8Array([1]))).toThrow(/CONNECTING/)

    worker.report({ type: 'open' })
    expect(socket.readyState).toBe(WorkerWebSocket.OPEN)
    const whole = new Uint8Array([9, 8, 7, 6, 5])
    socket.send(whole.subarray(1, 3)) // a view is sent as its own two bytes, not its buffer
    expect(worker.commands[1]).toEqual({ type: 'send', data: new Uint8Array([8, 7]), bytes: 2 })
    expect(socket.bufferedAmount).toBe(2)
    worker.report({ type: 'sent', bytes: 2, buffered: 0 })
    expect(socket.bufferedAmount).toBe(0)

    worker.report({ type: 'message', data: new Uint8Array([0, 1, 2]).buffer })
    expect(seen).toEqual(['open', 'message 0,1,2'])
  })

  it('closes through its worker, tells the close once, and ends the worker', () => {
    const socket = new WorkerWebSocket('ws://host/sync/b')
    const seen = events(socket)
    const worker = FakeWorker.made[0]!
    worker.report({ type: 'open' })
    socket.close(4000, 'bye')
    expect(socket.readyState).toBe(WorkerWebSocket.CLOSING)
    expect(worker.commands.at(-1)).toEqual({ type: 'close', code: 4000, reason: 'bye' })
    socket.send(new Uint8Array([1])) // closing: dropped, as a WebSocket does
    expect(worker.commands.filter((command) => command.type === 'send')).toHaveLength(0)

    worker.report({ type: 'close', code: 4000, reason: 'bye', wasClean: true })
    worker.report({ type: 'message', data: new Uint8Array([1]).buffer }) // late: not passed on
    expect(socket.readyState).toBe(WorkerWebSocket.CLOSED)
    expect(worker.terminated).toBe(true)
    expect(seen).toEqual(['open', 'close 4000 bye true'])
  })

  it('sends what must go out the moment it opens from the worker, before the page hears of the open', () => {
    const socket = new WorkerWebSocket('ws://host/sync/b')
    socket.sendOnOpen(new Uint8Array([0, 0, 1, 0]))
    const worker = FakeWorker.made[0]!
    expect(worker.commands[1]).toEqual({ type: 'send-on-open', data: new Uint8Array([0, 0, 1, 0]).buffer, bytes: 4 })
    expect(socket.bufferedAmount).toBe(4)
  })

  it('a worker that fails (its script did not load) is a failed connection: an error, then a close with 1006', async () => {
    const socket = new WorkerWebSocket('ws://host/sync/b')
    const seen = events(socket)
    const worker = FakeWorker.made[0]!
    worker.onerror?.(new Event('error'))
    expect(seen).toEqual(['error', 'close 1006 the socket worker failed false'])
    expect(worker.terminated).toBe(true)

    // One started ahead that failed before its socket was made: the same, a moment later.
    warmSocketWorker()
    FakeWorker.made[1]!.onerror?.(new Event('error'))
    const late = new WorkerWebSocket('ws://host/sync/b')
    const lateSeen = events(late)
    await until(() => lateSeen.length === 2)
    expect(lateSeen).toEqual(['error', 'close 1006 the socket worker failed false'])

    // One that cannot be started at all (a stricter policy in front of the server): the same, a moment later.
    FakeWorker.failToStart = true
    const refused = new WorkerWebSocket('ws://host/sync/b')
    const refusedSeen = events(refused)
    await until(() => refusedSeen.length === 2)
    expect(refusedSeen).toEqual(['error', 'close 1006 no socket worker false'])
  })

  it('takes the worker started ahead of it (warmSocketWorker), once', () => {
    warmSocketWorker()
    warmSocketWorker() // one is kept warm, not two
    expect(FakeWorker.made).toHaveLength(1)
    const first = new WorkerWebSocket('ws://host/sync/a')
    expect(FakeWorker.made).toHaveLength(1)
    expect(FakeWorker.made[0]!.commands[0]).toEqual({ type: 'open', url: 'ws://host/sync/a' })
    first.close()
    new WorkerWebSocket('ws://host/sync/b')
    expect(FakeWorker.made).toHaveLength(2)
    // One whose socket will not be made (its ticket was refused) is ended.
    warmSocketWorker()
    dropWarmSocketWorker()
    expect(FakeWorker.made[2]!.terminated).toBe(true)
  })

  it('an early connection whose ticket is refused ends the worker it started', async () => {
    openNewBoardEarly(() => Promise.reject(new Error('offline')))
    const worker = FakeWorker.made[0]!
    await until(() => worker.terminated)
    expect(worker.commands).toEqual([])
  })

  it('as the early connection of a board new to the device, asks for the whole board from the worker as it opens', async () => {
    openNewBoardEarly(() => Promise.resolve('t1'))
    // The worker starts while the ticket is asked for, and opens once it is here.
    expect(FakeWorker.made).toHaveLength(1)
    const worker = FakeWorker.made[0]!
    await until(() => worker.commands.length === 2)
    expect(worker.commands[0]).toEqual({ type: 'open', url: 'ws://host/sync/board1?participant=p1&ticket=t1' })
    expect(worker.commands[1]).toEqual({ type: 'send-on-open', data: new Uint8Array([0, 0, 1, 0]).buffer, bytes: 4 })
    worker.report({ type: 'open' })
    const socket = takeEarly('ws://host/sync/board1?participant=p1', 'tok')
    expect(socket).not.toBeNull()
    // The page does not send it again once it hears of the open.
    expect(worker.commands).toHaveLength(2)
  })
})
