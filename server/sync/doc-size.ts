/** How long an exact measurement stands in for the next ones, in ms. */
const MEASURE_EVERY_MS = 1000

/**
 * A document's encoded size, cheaply. Every update that reaches the document adds its length
 * to an upper bound (deletions and merging only ever shrink the real size); the exact size,
 * an encoding of the whole document, is taken only when asked, and at most once a second, so
 * a client cannot make the server encode a large board on every message.
 */
export class DocSize {
  readonly #encodedSize: () => number
  #bound: number
  #measuredAt = Number.NEGATIVE_INFINITY

  /**
   * `encodedSize`: the document's exact encoded size (an encoding of it, or the length of the
   * bytes a room holds it as); `storedBytes`: what it was loaded from (its snapshot and log), a
   * bound of its size.
   */
  constructor(encodedSize: () => number, storedBytes: number) {
    this.#encodedSize = encodedSize
    this.#bound = storedBytes
  }

  add(bytes: number): void {
    this.#bound += bytes
  }

  get approximate(): number {
    return this.#bound
  }

  measure(): number {
    const now = performance.now()
    if (now - this.#measuredAt < MEASURE_EVERY_MS) return this.#bound
    this.#measuredAt = now
    this.#bound = this.#encodedSize()
    return this.#bound
  }
}
