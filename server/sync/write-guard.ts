import * as Y from 'yjs'
import type { Role } from '../../shared/roles.ts'
import { findViolation } from './write-policy.ts'

/** The transaction origin of one client write; the guard records its verdict here. */
export class ClientWrite {
  violation: string | null = null
  /** State vector before the write, kept only when it is refused. */
  beforeState: Map<number, number> | null = null

  constructor(readonly role: Role) {}
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

  constructor(doc: Y.Doc) {
    this.#doc = doc
    // Registered before the UndoManager's own afterTransaction listener, so that a write
    // found to violate is already tracked when the UndoManager looks at it.
    doc.on('afterTransaction', this.#check)
    this.#undo = new Y.UndoManager(doc, { trackedOrigins: new Set(), captureTimeout: 0 })
    // Reverts must not be recorded as redoable, or their deletions would be kept from GC.
    this.#undo.trackedOrigins.delete(this.#undo)
  }

  begin(role: Role): ClientWrite {
    return new ClientWrite(role)
  }

  #check = (transaction: Y.Transaction): void => {
    const write = transaction.origin
    if (!(write instanceof ClientWrite)) return
    const violation = findViolation(transaction, write.role)
    if (violation === null) return
    write.violation = violation
    write.beforeState = new Map(transaction.beforeState)
    this.#undo.trackedOrigins.add(write)
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
    return Y.encodeStateAsUpdate(this.#doc, Y.encodeStateVector(write.beforeState ?? new Map()))
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
