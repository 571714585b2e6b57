/**
 * Which local edits the server has made durable, learnt from sync step 2 replies.
 *
 * The server answers a sync step 1 with a sync step 2 only once every update it received on
 * that socket before the step 1 is durable in storage. So a step 1 sent after some local edits
 * works as a "tell me when this is saved" request. Replies on one socket come back in request
 * order, and even where the server answers a later request early, it answers it only when
 * everything before that later request is durable: after k replies, everything sent before
 * the k-th request is saved. The ledger therefore just counts.
 *
 * Pure bookkeeping, no sockets or timers: SaveTracker wires it to a provider.
 */
export class SaveLedger {
  /** Local edits counted so far (a sequence number, not a set: edits are ordered). */
  #edits = 0
  /** Edits up to this number are durable on the server. */
  #confirmed = 0
  /**
   * The first edit of each run of edits between two requests, with when it was made: a reply
   * confirms whole runs, so this is all it takes to know how old the oldest unsaved edit is.
   */
  #runs: Array<{ firstEdit: number; at: number; requested: boolean }> = []
  /**
   * The requests sent on the current socket and not answered yet, in order; each holds the
   * edit number it would confirm (NO_CLAIM for a request that confirms nothing).
   */
  #outstanding: number[] = []

  /** A local edit was made (and handed to the provider, which sends it if connected). */
  edit(now: number): void {
    this.#edits++
    const last = this.#runs.at(-1)
    if (!last || last.requested) this.#runs.push({ firstEdit: this.#edits, at: now, requested: false })
  }

  /** A sync step 1 was sent on the current socket on our behalf, after every edit so far. */
  requestSent(): void {
    this.#outstanding.push(this.#edits)
    const last = this.#runs.at(-1)
    if (last) last.requested = true
  }

  /**
   * A new socket opened. The provider sends its own sync step 1 at once; it goes out before the
   * provider has handed over edits made while disconnected (those travel in its answer to the
   * server's step 1), so its reply proves nothing about them, but it is still counted.
   */
  socketOpened(): void {
    this.#outstanding = [NO_CLAIM]
  }

  /** The socket closed: replies to its requests will never arrive. */
  socketClosed(): void {
    this.#outstanding = []
  }

  /**
   * The server sent a sync step 1: it has (re)asked for our state, which the provider answers
   * with everything the server lacks. Requests already on the wire were sent before that
   * answer, so their replies confirm nothing new.
   */
  serverAskedForState(): void {
    this.#outstanding = this.#outstanding.map(() => NO_CLAIM)
  }

  /** A sync step 2 arrived on the current socket: the oldest outstanding request is answered. */
  replyReceived(): void {
    const claim = this.#outstanding.shift()
    if (claim === undefined || claim <= this.#confirmed) return
    this.#confirmed = claim
    while (this.#runs.length > 0 && this.#runs[0]!.firstEdit <= claim) this.#runs.shift()
  }

  /** True while some local edit is not known to be durable on the server. */
  get hasUnsaved(): boolean {
    return this.#confirmed < this.#edits
  }

  /** When the oldest edit not known to be saved was made (ms), or null when all are saved. */
  get unsavedSince(): number | null {
    return this.#runs[0]?.at ?? null
  }

  /** True when a request sent now would confirm edits that no outstanding request covers. */
  get needsRequest(): boolean {
    const lastClaim = this.#outstanding.reduce((max, claim) => Math.max(max, claim), this.#confirmed)
    return lastClaim < this.#edits
  }
}

const NO_CLAIM = -1
