import * as Y from 'yjs'
import { collectChanges } from './transaction-changes.ts'
import { WritePolicy, type DocumentPolicy, type Writer } from './write-policy.ts'

/** The transaction origin of one client write; the guard records its verdict here. */
export class ClientWrite {
  violation: string | null = null
  /** State vector before the write, kept only when it is refused. */
  beforeState: Map<number, number> | null = null
  /** The write was accepted and turned silent mode off: the drafts are to be revealed. */
  endedSilence = false

  constructor(readonly writer: Writer) {}
}

/**
 * Refuses writes a role may not make without breaking the client's clock sequence.
 *
 * A client's update cannot simply be dropped: its later updates build on its clock and would
 * wait forever as pending structs. So the update is integrated, checked, and, when refused,
 * reverted at once by an UndoManager that tracks only that write. The reverted structs stay
 * in the document as deleted, garbage-collected tombstones, so the client's next permitted
 * write integrates normally, while the refused content itself is gone: what storage and
 * other clients receive is the tombstones plus the restoration, never the refused text.
 */
export class WriteGuard {
  readonly #doc: Y.Doc
  readonly #undo: Y.UndoManager
  readonly #policy: DocumentPolicy

  constructor(doc: Y.Doc, policy: DocumentPolicy = new WritePolicy(doc)) {
    this.#doc = doc
    this.#policy = policy
    // Registered before the UndoManager's own afterTransaction listener, so that a write
    // found to violate is already tracked when the UndoManager looks at it.
    doc.on('afterTransaction', this.#check)
    this.#undo = new Y.UndoManager(doc, { trackedOrigins: new Set(), captureTimeout: 0 })
    // Reverts must not be recorded as redoable, or their deletions would be kept from GC.
    this.#undo.trackedOrigins.delete(this.#undo)
  }

  begin(writer: Writer): ClientWrite {
    return new ClientWrite(writer)
  }

  /**
   * Judges every client write; every transaction that stays (accepted writes, the server's
   * own, relayed ones and reverts) updates the policy's view of the notes.
   */
  #check = (transaction: Y.Transaction): void => {
    const changes = collectChanges(transaction)
    const write: unknown = transaction.origin
    if (write instanceof ClientWrite) {
      const verdict = this.#policy.judge(changes, write.writer)
      if (!verdict.ok) {
        write.violation = verdict.reason
        write.beforeState = new Map(transaction.beforeState)
        this.#undo.trackedOrigins.add(write)
        return
      }
      if (verdict.claim !== null) write.writer.participantId = verdict.claim
    }
    const endedSilence = this.#policy.accepted(changes)
    if (endedSilence && write instanceof ClientWrite) write.endedSilence = true
  }

  /**
   * Reverts a refused write and returns the update that carries the revert: the write's
   * structs as deleted tombstones plus whatever had to be restored.
   */
  revert(write: ClientWrite): Uint8Array {
    const stackItem = this.#undo.undoStack.at(-1)
    this.#undo.undo()
    this.#undo.trackedOrigins.delete(write)
    this.#undo.clear()
    if (stackItem) this.#release(stackItem.deletions)
    return this.#encodeIntegrated(Y.encodeStateVector(write.beforeState ?? new Map()))
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

  /** Lets items the refused write deleted (now restored as copies) be garbage-collected. */
  #release(deletions: Parameters<typeof Y.tryGc>[0]): void {
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

  destroy(): void {
    this.#undo.destroy()
    this.#doc.off('afterTransaction', this.#check)
  }
}
