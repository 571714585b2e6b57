import * as Y from 'yjs'
import type { BoardConnection } from './connection.ts'
import { encodeSyncStep1 } from './messages.ts'

/**
 * How often one connection is asked to resend the same missing part. A client can only
 * resend what it has: a y-websocket client whose own document holds an update with a missing
 * dependency includes that update in every sync step 2, so asking again forever would be a
 * loop (thousands of round trips a second).
 */
export const MAX_RESYNCS_PER_GAP = 3
/** Distinct gaps remembered per connection; past this the connection is asked no more. */
const MAX_GAPS_PER_CONNECTION = 16

/**
 * What the document lacks to integrate its pending structs and deletions, as a key that stays
 * the same while the same gap persists: per client, the clock the document has and the clock
 * the pending part needs. Null when nothing is pending.
 */
export function pendingGap(doc: Y.Doc): string | null {
  const { pendingStructs, pendingDs } = doc.store
  if (pendingStructs === null && pendingDs === null) return null
  const needs = new Map<number, number>()
  for (const [client, clock] of pendingStructs?.missing ?? []) needs.set(client, clock)
  if (pendingDs !== null) {
    for (const [client, deletions] of Y.decodeUpdateV2(pendingDs).ds.clients) {
      const end = Math.max(...deletions.map((deletion) => deletion.clock + deletion.len))
      needs.set(client, Math.max(needs.get(client) ?? 0, end))
    }
  }
  return [...needs]
    .sort(([a], [b]) => a - b)
    .map(([client, clock]) => `${client}:${Y.getState(doc.store, client)}-${clock}`)
    .join(',')
}

/** Per connection: how often it was asked to resend each gap. */
export class ResyncBudget {
  readonly #asked = new Map<string, number>()
  #gaveUp = false

  /** 'ask' (the first time also 'first'), or 'stop' (the first time 'give-up'). */
  next(gap: string): 'first' | 'ask' | 'give-up' | 'stop' {
    const asked = this.#asked.get(gap) ?? 0
    const known = this.#asked.has(gap) || this.#asked.size < MAX_GAPS_PER_CONNECTION
    if (known && asked < MAX_RESYNCS_PER_GAP) {
      this.#asked.set(gap, asked + 1)
      return this.#asked.size === 1 && asked === 0 ? 'first' : 'ask'
    }
    if (this.#gaveUp) return 'stop'
    this.#gaveUp = true
    return 'give-up'
  }
}

/**
 * After a client's update was applied: drops whatever could not be integrated (it depends on
 * data the server does not have) and asks the client for the gap, a bounded number of times.
 *
 * The pending part is not kept in the document: it would be integrated later inside another
 * writer's transaction, where the write policy would judge it as that writer's change. The
 * client keeps it in its own document and sends it again when it reconnects, by which time
 * the missing part may have arrived from its author.
 */
export function askForMissingDependencies(doc: Y.Doc, conn: BoardConnection): void {
  const gap = pendingGap(doc)
  if (gap === null) return
  doc.store.pendingStructs = null
  doc.store.pendingDs = null
  switch (conn.resyncs.next(gap)) {
    case 'first':
      conn.log.info({ gap }, 'update had missing dependencies; asking the client to resync')
      conn.send(encodeSyncStep1(doc))
      break
    case 'ask':
      conn.send(encodeSyncStep1(doc))
      break
    case 'give-up':
      conn.log.warn(
        { gap, resyncs: MAX_RESYNCS_PER_GAP },
        'the client keeps sending an update whose dependencies nobody sent; no longer asking (its pending part is dropped)',
      )
      break
    case 'stop':
      break
  }
}
