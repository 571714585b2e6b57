import type { Logger, SyncSocket } from './socket.ts'

/** How long a repeated refusal is held open before it is closed. */
export const REFUSAL_HOLD_MS = 1000
/** A refusal within this time of the previous one for the same client counts as repeated. */
const REPEAT_WINDOW_MS = 60_000
/** Refused sockets held open at once; past this they are closed at once. */
const MAX_HELD = 1000
/** Clients remembered; past this the oldest are forgotten. */
const MAX_TRACKED = 10_000

/** Who was refused: the same address, board and close code make one refused client. */
export interface RefusalKey {
  address: string | undefined
  boardId: string
  code: number
}

interface Tracked {
  lastAt: number
  /** Refusals since the first was logged, not logged one by one. */
  repeats: number
}

/**
 * Closes refused sockets so that a client which reconnects after every refusal costs about one
 * attempt a second and a bounded amount of log.
 *
 * y-websocket 1.x and 2.x reconnect 100 ms after any close, whatever the code, because a socket
 * that opened resets their backoff. The first refusal of a client (address, board, code) is
 * closed at once and logged, so a person sees the reason immediately; a repeat within a minute
 * is held open for REFUSAL_HOLD_MS before it is closed (the client waits for it, it sends
 * nothing we read) and only counted; a sweep logs the counts once a minute. Holding rather
 * than refusing the TCP connection keeps the close code, which the board client shows.
 */
export class Refusals {
  readonly #log: Logger
  readonly #holdMs: number
  readonly #tracked = new Map<string, Tracked>()
  readonly #held = new Map<SyncSocket, { timer: NodeJS.Timeout; code: number; reason: string }>()
  readonly #sweep: NodeJS.Timeout

  constructor(log: Logger, holdMs = REFUSAL_HOLD_MS) {
    this.#log = log
    this.#holdMs = holdMs
    this.#sweep = setInterval(() => this.#report(), REPEAT_WINDOW_MS)
    this.#sweep.unref()
  }

  /** Closes a refused socket with its code: at once the first time, held when repeated. */
  refuse(socket: SyncSocket, key: RefusalKey, reason: string, log: Logger): void {
    const id = `${key.address ?? '?'} ${key.boardId} ${key.code}`
    const now = Date.now()
    const tracked = this.#tracked.get(id)
    const repeated = tracked !== undefined && now - tracked.lastAt < REPEAT_WINDOW_MS
    if (tracked) this.#tracked.delete(id) // re-inserted below: the map stays ordered by last refusal
    this.#tracked.set(id, { lastAt: now, repeats: repeated ? tracked.repeats + 1 : 0 })
    if (this.#tracked.size > MAX_TRACKED) this.#tracked.delete(this.#tracked.keys().next().value!)

    if (!repeated) {
      log.info({ code: key.code, reason, address: key.address }, 'connection refused')
      socket.close(key.code, reason)
      return
    }
    if (this.#held.size >= MAX_HELD || this.#held.has(socket)) {
      socket.close(key.code, reason)
      return
    }
    const timer = setTimeout(() => this.#release(socket), this.#holdMs)
    timer.unref()
    this.#held.set(socket, { timer, code: key.code, reason })
  }

  /** The transport reports a socket closed: a held one needs no closing any more. */
  forget(socket: SyncSocket): void {
    const held = this.#held.get(socket)
    if (!held) return
    clearTimeout(held.timer)
    this.#held.delete(socket)
  }

  get heldCount(): number {
    return this.#held.size
  }

  #release(socket: SyncSocket): void {
    const held = this.#held.get(socket)
    if (!held) return
    this.#held.delete(socket)
    socket.close(held.code, held.reason)
  }

  /** One line a minute for all the refusals that were only counted; forgets quiet clients. */
  #report(): void {
    const now = Date.now()
    let repeats = 0
    let clients = 0
    for (const [id, tracked] of this.#tracked) {
      if (tracked.repeats > 0) {
        repeats += tracked.repeats
        clients++
        tracked.repeats = 0
      }
      if (now - tracked.lastAt >= REPEAT_WINDOW_MS) this.#tracked.delete(id)
    }
    if (repeats > 0) this.#log.info({ repeats, clients }, 'refused repeated connection attempts (held before closing)')
  }

  /** Shutdown: closes every held socket now. */
  close(): void {
    clearInterval(this.#sweep)
    for (const socket of [...this.#held.keys()]) this.#release(socket)
  }
}
