import type { Awareness } from 'y-protocols/awareness'
import type { BoardConnection } from './connection.ts'
import type { AwarenessEntry } from './messages.ts'

/** How long the current owner of a claimed client id has to answer a ping before it is taken as gone. */
export const PRESENCE_PROBE_MS = 500
/** Departed clients whose last clock is remembered, to recognise late echoes of their state. */
const DEPARTED_MAX = 4096

export interface PresenceBindingOptions {
  awareness: Awareness
  /** Largest state (JSON characters) one client may publish. */
  maxStateChars: number
  /** Applies entries a connection may publish to the room's awareness. */
  apply(conn: BoardConnection, entries: AwarenessEntry[]): void
  probeMs?: number
}

interface Claim {
  clientId: number
  /** The newest entry the claimant sent for the id while the claim was checked. */
  entry: AwarenessEntry
}

/**
 * Which connection speaks for which awareness client id. A connection publishes the presence
 * of exactly one client, its own; y-websocket clients echo every state they receive, so which
 * one is its own has to be recognised:
 *
 * - An entry is the connection's own if the client cannot have learned it from this server:
 *   sent before the client answered the server's sync step 1 (y-websocket announces its own
 *   state on open, before it has read anything), or newer than any clock the server has had
 *   for that id (present, or departed and remembered).
 * - A removal (null state) never binds: clients echo the removal of everyone who leaves.
 * - An id another connection holds is taken over only when that connection does not answer a
 *   ping within PRESENCE_PROBE_MS: a client that reconnected while its old socket lingers
 *   (dropped Wi-Fi) gets its id back at once, a live client keeps it against a claimant.
 */
export class PresenceBinding {
  readonly #options: PresenceBindingOptions
  readonly #owners = new Map<number, BoardConnection>()
  readonly #departed = new Map<number, number>()
  readonly #claims = new Map<BoardConnection, Claim>()
  /** Claims refused because their owner answered: not checked again for that connection. */
  readonly #refused = new WeakMap<BoardConnection, Set<number>>()

  constructor(options: PresenceBindingOptions) {
    this.#options = options
  }

  /** A connection's awareness entries: applies those it may publish, binding it on evidence. */
  receive(conn: BoardConnection, entries: readonly AwarenessEntry[]): void {
    const accepted: AwarenessEntry[] = []
    for (const entry of entries) {
      if (entry.json.length > this.#options.maxStateChars) continue
      const owner = this.#owners.get(entry.clientId)
      if (owner === conn) {
        accepted.push(entry)
      } else if (conn.awarenessClientId === null && entry.json !== 'null' && this.#isOwn(conn, entry)) {
        if (owner === undefined) {
          this.#bind(conn, entry.clientId)
          accepted.push(entry)
        } else {
          this.#claim(conn, entry, owner)
        }
      }
    }
    if (accepted.length > 0) this.#options.apply(conn, accepted)
  }

  /**
   * A connection left: the client id it spoke for, whose state the room removes, or null (it
   * spoke for none, or a reconnected socket of the same client takes over now).
   */
  release(conn: BoardConnection): number | null {
    this.#claims.delete(conn)
    const clientId = conn.awarenessClientId
    if (clientId === null || this.#owners.get(clientId) !== conn) return null
    this.#owners.delete(clientId)
    for (const [claimant, claim] of this.#claims) {
      if (claim.clientId === clientId && !claimant.isClosed) {
        this.#takeOver(claimant, claim)
        return null
      }
    }
    this.#remember(clientId)
    return clientId
  }

  /** Client ids spoken for by this process's connections. */
  ownedClientIds(): number[] {
    return [...this.#owners.keys()]
  }

  isOwned(clientId: number): boolean {
    return this.#owners.has(clientId)
  }

  #isOwn(conn: BoardConnection, entry: AwarenessEntry): boolean {
    if (!conn.answeredSync) return true
    const { awareness } = this.#options
    const known = awareness.getStates().has(entry.clientId)
      ? awareness.meta.get(entry.clientId)?.clock
      : this.#departed.get(entry.clientId)
    return known === undefined || entry.clock > known
  }

  #bind(conn: BoardConnection, clientId: number): void {
    conn.awarenessClientId = clientId
    this.#owners.set(clientId, conn)
    this.#departed.delete(clientId)
  }

  #remember(clientId: number): void {
    const clock = this.#options.awareness.meta.get(clientId)?.clock
    if (clock === undefined) return
    this.#departed.delete(clientId)
    this.#departed.set(clientId, clock)
    if (this.#departed.size > DEPARTED_MAX) this.#departed.delete(this.#departed.keys().next().value!)
  }

  /** Another connection holds the id: it keeps it if it answers a ping, else the claimant takes over. */
  #claim(conn: BoardConnection, entry: AwarenessEntry, owner: BoardConnection): void {
    if (this.#refused.get(conn)?.has(entry.clientId)) return
    const pending = this.#claims.get(conn)
    if (pending) {
      if (pending.clientId === entry.clientId && entry.clock >= pending.entry.clock) pending.entry = entry
      return
    }
    const claim: Claim = { clientId: entry.clientId, entry }
    this.#claims.set(conn, claim)
    void owner.probe(this.#options.probeMs ?? PRESENCE_PROBE_MS).then((answered) => {
      if (this.#claims.get(conn) !== claim) return // the claimant left, or the owner left first
      this.#claims.delete(conn)
      if (conn.isClosed || this.#owners.get(claim.clientId) !== owner) return
      if (answered) {
        conn.log.info({ clientId: claim.clientId }, 'refused a presence claim: the client holding that id answers')
        const refused = this.#refused.get(conn) ?? new Set<number>()
        refused.add(claim.clientId)
        this.#refused.set(conn, refused)
        return
      }
      owner.log.info(
        { clientId: claim.clientId },
        'a new connection of this client took over its presence; dropping this one',
      )
      this.#takeOver(conn, claim)
      owner.terminate()
    })
  }

  #takeOver(conn: BoardConnection, claim: Claim): void {
    this.#claims.delete(conn)
    this.#bind(conn, claim.clientId)
    this.#options.apply(conn, [claim.entry])
  }
}
