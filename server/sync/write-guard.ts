import * as Y from 'yjs'
import type { Judgement, RoomPolicy, Writer } from './policy.ts'

/** The transaction origin of one client write; the guard records its judgement here. */
export class ClientWrite {
  /** Set when something of the write is refused (it is then to be reverted). */
  refusal: Judgement | null = null
  /** State vector before the write, kept only when something is refused. */
  beforeState: Map<number, number> | null = null
  /** The transaction that integrated the write (none when the update held nothing to integrate). */
  transaction: Y.Transaction | null = null

  constructor(readonly writer: Writer) {}
}

/** A delete set as Yjs keeps it: per client, sorted and disjoint ranges of clocks. */
type DeleteSet = ReturnType<typeof Y.createDeleteSet>

/**
 * Refuses writes, or parts of writes, without breaking the client's clock sequence.
 *
 * A client's update cannot simply be dropped: its later updates build on its clock and would
 * wait forever as pending structs. So the update is integrated, judged by the room's policy,
 * and what the policy refuses is reverted at once by an UndoManager that tracks only that
 * write: all of it, or only the structs of the refused items (a note, a zone …), so that the
 * valid rest of a batch stays. The reverted structs stay in the document as deleted,
 * garbage-collected tombstones, so the client's next write integrates normally, while the
 * refused content itself is gone: what storage and other clients receive is the tombstones
 * plus the restoration, never the refused content.
 */
export class WriteGuard {
  readonly #doc: Y.Doc
  readonly #undo: Y.UndoManager
  readonly #policy: RoomPolicy

  constructor(doc: Y.Doc, policy: RoomPolicy) {
    this.#doc = doc
    this.#policy = policy
    // Registered before the UndoManager's own afterTransaction listener, so that a refused
    // write is already tracked when the UndoManager looks at it.
    doc.on('afterTransaction', this.#check)
    this.#undo = new Y.UndoManager(doc, { trackedOrigins: new Set(), captureTimeout: 0 })
    // Reverts must not be recorded as redoable, or their deletions would be kept from GC.
    this.#undo.trackedOrigins.delete(this.#undo)
  }

  begin(writer: Writer): ClientWrite {
    this.#policy.beforeWrite?.()
    return new ClientWrite(writer)
  }

  /** A connection joined the room: the policy may act on it (a draft's notes settle). */
  joined(writer: Writer): void {
    this.#policy.joined?.(writer)
  }

  #check = (transaction: Y.Transaction): void => {
    const write: unknown = transaction.origin
    if (!(write instanceof ClientWrite)) {
      this.#policy.observe(transaction)
      return
    }
    write.transaction = transaction
    const judgement = this.#policy.judge(transaction, write.writer)
    if (judgement.refused !== 'all' && judgement.refused.size === 0) {
      judgement.keep()
      return
    }
    write.refusal = judgement
    write.beforeState = new Map(transaction.beforeState)
    this.#undo.trackedOrigins.add(write)
  }

  /**
   * Reverts what was refused of a write, keeps the rest, and returns the update that carries
   * the outcome: the write's structs (the refused ones as deleted tombstones) plus whatever
   * had to be restored.
   */
  revert(write: ClientWrite): Uint8Array {
    const refused = write.refusal?.refused ?? 'all'
    const stackItem = this.#undo.undoStack.at(-1)
    const deletions = stackItem?.deletions
    if (stackItem && refused !== 'all') {
      stackItem.insertions = this.#restrict(stackItem.insertions, refused)
      stackItem.deletions = this.#restrict(stackItem.deletions, refused)
    }
    this.#undo.undo()
    this.#undo.trackedOrigins.delete(write)
    this.#undo.clear()
    if (deletions) this.#release(deletions)
    if (refused !== 'all') write.refusal?.keep()
    return this.#encodeIntegrated(Y.encodeStateVector(write.beforeState ?? new Map()))
  }

  /** What a write integrated (no pending structs), when its update cannot be stored as it came. */
  integrated(transaction: Y.Transaction): Uint8Array {
    return this.#encodeIntegrated(Y.encodeStateVector(transaction.beforeState))
  }

  /**
   * The document since a state vector, without the structs still waiting for missing
   * dependencies: Yjs adds those to an encoded state, and stored they would make the board
   * load with a gap (and be handed to every client) although the server never integrated them.
   */
  #encodeIntegrated(stateVector: Uint8Array): Uint8Array {
    const store = this.#doc.store
    const { pendingStructs, pendingDs } = store
    store.pendingStructs = null
    store.pendingDs = null
    try {
      return Y.encodeStateAsUpdate(this.#doc, stateVector)
    } finally {
      store.pendingStructs = pendingStructs
      store.pendingDs = pendingDs
    }
  }

  /** The part of a delete set whose structs belong to the refused items. */
  #restrict(set: DeleteSet, refused: ReadonlySet<string>): DeleteSet {
    const restricted = Y.createDeleteSet()
    for (const [client, ranges] of set.clients) {
      const structs = this.#doc.store.clients.get(client)
      if (!structs) continue
      const kept: Array<{ clock: number; len: number }> = []
      for (const range of ranges) {
        const end = range.clock + range.len
        for (let i = Y.findIndexSS(structs, range.clock); i < structs.length; i++) {
          const struct = structs[i] as Y.Item | Y.GC
          if (struct.id.clock >= end) break
          if (!(struct instanceof Y.Item) || !refused.has(this.#policy.itemOf(struct))) continue
          // Structs never span two items (Yjs merges only siblings), so a struct's overlap
          // with the range is wholly in or wholly out.
          const from = Math.max(range.clock, struct.id.clock)
          const to = Math.min(end, struct.id.clock + struct.length)
          const last = kept.at(-1)
          if (last && last.clock + last.len === from) last.len += to - from
          else kept.push({ clock: from, len: to - from })
        }
      }
      if (kept.length > 0) restricted.clients.set(client, kept)
    }
    return restricted
  }

  /** Lets items the refused write deleted (now restored as copies) be garbage-collected. */
  #release(deletions: DeleteSet): void {
    this.#doc.transact((transaction) => {
      Y.iterateDeletedStructs(transaction, deletions, (struct) => {
        let item: Y.Item | null = struct instanceof Y.Item ? struct : null
        while (item !== null && item.keep) {
          item.keep = false
          const parent = item.parent
          item = parent instanceof Y.AbstractType ? parent._item : null
        }
      })
    })
    Y.tryGc(deletions, this.#doc.store, () => true)
  }

  /** Lets go of the document (the room destroys it, or holds it as bytes again); the policy is the room's. */
  destroy(): void {
    this.#undo.destroy()
    this.#doc.off('afterTransaction', this.#check)
  }
}
