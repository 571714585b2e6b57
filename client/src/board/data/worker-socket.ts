import { SocketLike } from './socket-like.ts'
import type { SocketCommand, SocketReport } from './socket-worker-messages.ts'

/** As a browser reports a connection that failed without a close frame. */
const ABNORMAL_CLOSURE = 1006

/** A worker, with its failure noted from the start: a warm one may fail before its socket is made. */
interface StartedWorker {
  readonly worker: Worker
  failed: boolean
  onFail: (() => void) | null
}

/** A worker started ahead of its socket (warmSocketWorker), for the next WorkerWebSocket. */
let warm: StartedWorker | null = null

function startWorker(): StartedWorker | null {
  let worker: Worker
  try {
    worker = new Worker(new URL('./socket-worker.ts', import.meta.url), { name: 'kokeileva-socket' })
  } catch {
    return null // refused (a stricter Content-Security-Policy in front of the server, say)
  }
  const started: StartedWorker = { worker, failed: false, onFail: null }
  // The script did not load (offline with an old cache, a failed deploy) or threw.
  worker.onerror = (event) => {
    event.preventDefault()
    started.failed = true
    started.onFail?.()
  }
  return started
}

/** Whether this browser can hold a socket in a worker. */
export function socketWorkersAvailable(): boolean {
  return typeof Worker !== 'undefined'
}

/**
 * Starts the worker of the next WorkerWebSocket now, so that its thread and script are ready
 * when the socket's address is known (the early connection waits for a ticket and /api/me).
 */
export function warmSocketWorker(): void {
  if (socketWorkersAvailable()) warm ??= startWorker()
}

/** Ends a worker started ahead whose socket will not be made (the ticket was refused, the page left the board). */
export function dropWarmSocketWorker(): void {
  warm?.worker.terminate()
  warm = null
}

/**
 * A WebSocket held by a dedicated worker (socket-worker.ts), with a WebSocket's interface for
 * y-websocket: the bytes of a big board come in while the page's main thread is busy, and
 * each message reaches the page whole, in one task (see the worker for the measurements).
 * Events come in the order the worker's socket had them. A worker that cannot be started or
 * loaded is a connection that failed: an error, then a close with 1006.
 *
 * The worker always receives binary messages as ArrayBuffers (what y-websocket asks for).
 * `bufferedAmount` counts what the page has handed over and the worker has not yet passed to
 * its socket, plus that socket's own count when it last reported.
 */
export class WorkerWebSocket extends SocketLike {
  static readonly CONNECTING = 0
  static readonly OPEN = 1
  static readonly CLOSING = 2
  static readonly CLOSED = 3
  readonly url: string
  #worker: Worker | null
  #state = 0
  #handedOver = 0
  #workerBuffered = 0

  constructor(url: string | URL) {
    super()
    this.url = String(url)
    const started = warm ?? startWorker()
    warm = null
    this.#worker = started?.worker ?? null
    if (!started || started.failed) {
      setTimeout(() => this.#fail(started ? 'the socket worker failed' : 'no socket worker'), 0)
      return
    }
    started.worker.onmessage = (event: MessageEvent<SocketReport>) => this.#receive(event.data)
    started.onFail = () => this.#fail('the socket worker failed')
    this.#command({ type: 'open', url: this.url })
  }

  get readyState(): number {
    return this.#state
  }

  get bufferedAmount(): number {
    return this.#handedOver + this.#workerBuffered
  }

  send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
    if (this.#state === WorkerWebSocket.CONNECTING) throw new DOMException('Still in CONNECTING state.', 'InvalidStateError')
    if (this.#state !== WorkerWebSocket.OPEN) return
    if (data instanceof Blob) throw new TypeError('WorkerWebSocket does not send Blobs')
    // A view is sent as its own bytes: structured cloning would copy the whole buffer under it.
    const payload =
      ArrayBuffer.isView(data) && (data.byteOffset !== 0 || data.byteLength !== data.buffer.byteLength)
        ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice()
        : data
    const bytes = typeof payload === 'string' ? payload.length : payload.byteLength
    this.#handedOver += bytes
    this.#command({ type: 'send', data: payload, bytes })
  }

  /**
   * Sends `data` the moment the socket opens, from the worker: not after the page's main
   * thread has heard of the open (it may be busy then). For a message that does not depend on
   * what the server says first (the early connection's sync step 1).
   */
  sendOnOpen(data: Uint8Array): void {
    if (this.#state > WorkerWebSocket.OPEN) return
    const bytes = data.byteLength
    this.#handedOver += bytes
    this.#command({ type: 'send-on-open', data: data.slice().buffer, bytes })
  }

  close(code?: number, reason?: string): void {
    if (this.#state >= WorkerWebSocket.CLOSING) return
    this.#state = WorkerWebSocket.CLOSING
    this.#command({ type: 'close', ...(code !== undefined && { code }), ...(reason !== undefined && { reason }) })
  }

  #command(command: SocketCommand): void {
    this.#worker?.postMessage(command)
  }

  #receive(report: SocketReport): void {
    if (this.#state === WorkerWebSocket.CLOSED) return
    switch (report.type) {
      case 'open':
        if (this.#state === WorkerWebSocket.CONNECTING) this.#state = WorkerWebSocket.OPEN
        this.onopen?.(new Event('open'))
        break
      case 'message':
        this.onmessage?.(new MessageEvent('message', { data: report.data }))
        break
      case 'error':
        this.onerror?.(new Event('error'))
        break
      case 'sent':
        this.#handedOver -= report.bytes
        this.#workerBuffered = report.buffered
        break
      case 'close':
        this.#closed(report.code, report.reason, report.wasClean)
        break
    }
  }

  #fail(reason: string): void {
    if (this.#state === WorkerWebSocket.CLOSED) return
    this.onerror?.(new Event('error'))
    this.#closed(ABNORMAL_CLOSURE, reason, false)
  }

  #closed(code: number, reason: string, wasClean: boolean): void {
    this.#state = WorkerWebSocket.CLOSED
    this.#handedOver = 0
    this.#workerBuffered = 0
    this.#worker?.terminate()
    this.#worker = null
    this.onclose?.(new CloseEvent('close', { code, reason, wasClean }))
  }
}
