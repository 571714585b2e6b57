import type { Awareness } from 'y-protocols/awareness'
import { encodeAwarenessChunks, type AwarenessEntry } from './messages.ts'

/** At most this many awareness fan-outs per board per second (cursors move at ~20 Hz). */
export const AWARENESS_FLUSH_INTERVAL_MS = 50

/**
 * Collects awareness changes and sends them as one update at most every 50 ms per board.
 * With N people moving cursors, fanning out every change costs N² sends per cursor tick; a
 * batch costs N. An isolated change still goes out on the next turn.
 *
 * Removals are recorded with their clock when they happen, because the room forgets a departed
 * client's clock right after removing it. A batch too large for one message goes out as several.
 */
export class AwarenessBatch {
  readonly #awareness: Awareness
  readonly #send: (update: Uint8Array) => void
  readonly #maxMessageBytes: number
  readonly #changed = new Set<number>()
  readonly #removedClocks = new Map<number, number>()
  #timer: NodeJS.Timeout | null = null
  #lastFlush = 0

  constructor(awareness: Awareness, send: (update: Uint8Array) => void, maxMessageBytes = Number.POSITIVE_INFINITY) {
    this.#awareness = awareness
    this.#send = send
    this.#maxMessageBytes = maxMessageBytes
  }

  add(clients: Iterable<number>, removed: Iterable<number>): void {
    for (const clientId of clients) this.#changed.add(clientId)
    for (const clientId of removed) {
      this.#changed.add(clientId)
      this.#removedClocks.set(clientId, this.#awareness.meta.get(clientId)?.clock ?? 0)
    }
    if (this.#timer === null) {
      const wait = Math.max(0, this.#lastFlush + AWARENESS_FLUSH_INTERVAL_MS - Date.now())
      this.#timer = setTimeout(() => this.flush(), wait)
    }
  }

  flush(): void {
    if (this.#timer !== null) clearTimeout(this.#timer)
    this.#timer = null
    this.#lastFlush = Date.now()
    if (this.#changed.size === 0) return
    const entries: AwarenessEntry[] = []
    for (const clientId of this.#changed) {
      const state = this.#awareness.states.get(clientId)
      const meta = this.#awareness.meta.get(clientId)
      if (state !== undefined && meta) {
        entries.push({ clientId, clock: meta.clock, json: JSON.stringify(state) })
      } else {
        entries.push({ clientId, clock: meta?.clock ?? this.#removedClocks.get(clientId) ?? 0, json: 'null' })
      }
    }
    this.#changed.clear()
    this.#removedClocks.clear()
    for (const chunk of encodeAwarenessChunks(entries, this.#maxMessageBytes)) this.#send(chunk)
  }

  destroy(): void {
    if (this.#timer !== null) clearTimeout(this.#timer)
    this.#timer = null
  }
}
