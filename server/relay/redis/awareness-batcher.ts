import { decodeAwarenessUpdate, encodeAwarenessEntries, type AwarenessEntry } from '../../sync/messages.ts'

export interface AwarenessLimits {
  /** At most one publish per board per interval: presence moves are coalesced in between. */
  flushIntervalMs: number
  /** Largest pub/sub message; a state that alone is larger is dropped. */
  maxMessageBytes: number
  /** Distinct clients kept pending per board. */
  maxPendingClients: number
}

/** Bytes an entry adds to an encoded awareness update, besides its JSON (varints, generously). */
const ENTRY_OVERHEAD_BYTES = 24

/**
 * Caps what one board's awareness costs Redis and the other processes: updates are coalesced
 * per client (the newest clock wins) and published at most once per interval, in messages of
 * bounded size. Coalescing, unlike dropping, never loses a client's last state or its removal,
 * so no ghost cursor is left on another process.
 */
export class AwarenessBatcher {
  readonly #limits: AwarenessLimits
  readonly #send: (update: Uint8Array) => void
  readonly #onDrop: (entries: number) => void
  readonly #pending = new Map<number, AwarenessEntry>()
  #timer: NodeJS.Timeout | null = null
  #lastFlushAt = 0

  constructor(limits: AwarenessLimits, send: (update: Uint8Array) => void, onDrop: (entries: number) => void) {
    this.#limits = limits
    this.#send = send
    this.#onDrop = onDrop
  }

  push(update: Uint8Array): void {
    let entries: AwarenessEntry[]
    try {
      entries = decodeAwarenessUpdate(update)
    } catch {
      // The room encodes these itself; an undecodable one is a bug, counted rather than relayed.
      this.#onDrop(1)
      return
    }
    for (const entry of entries) {
      const previous = this.#pending.get(entry.clientId)
      if (previous && previous.clock > entry.clock) continue
      if (!previous && this.#pending.size >= this.#limits.maxPendingClients) {
        this.#onDrop(1)
        continue
      }
      this.#pending.set(entry.clientId, entry)
    }
    if (this.#pending.size > 0 && this.#timer === null) {
      const wait = Math.max(0, this.#lastFlushAt + this.#limits.flushIntervalMs - Date.now())
      this.#timer = setTimeout(() => this.flush(), wait)
    }
  }

  flush(): void {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
    this.#lastFlushAt = Date.now()
    let chunk: AwarenessEntry[] = []
    let chunkBytes = 0
    for (const entry of this.#pending.values()) {
      const bytes = Buffer.byteLength(entry.json) + ENTRY_OVERHEAD_BYTES
      if (bytes > this.#limits.maxMessageBytes) {
        this.#onDrop(1)
        continue
      }
      if (chunkBytes + bytes > this.#limits.maxMessageBytes) {
        this.#send(encodeAwarenessEntries(chunk))
        chunk = []
        chunkBytes = 0
      }
      chunk.push(entry)
      chunkBytes += bytes
    }
    this.#pending.clear()
    if (chunk.length > 0) this.#send(encodeAwarenessEntries(chunk))
  }

  close(): void {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
    this.#pending.clear()
  }
}
