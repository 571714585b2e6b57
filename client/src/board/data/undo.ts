import * as Y from 'yjs'
import { undoScope } from '@shared/board/index.ts'
import { Store } from '../../lib/store.ts'

export interface UndoState {
  canUndo: boolean
  canRedo: boolean
}

/** Typing pauses longer than this start a new undo step. */
const CAPTURE_TIMEOUT_MS = 500

/**
 * Undo and redo of this user's own changes: a Y.UndoManager per document (the board, and in
 * silent mode this user's private draft) tracks only the session's local origin, so remote
 * edits (and IndexedDB loads) are never reverted by this user's Ctrl+Z. The steps of both
 * documents form one history, undone newest first.
 */
export class UndoHistory {
  readonly #managers: Y.UndoManager[] = []
  readonly #origin: object
  /** Which manager holds each undo (and redo) step, oldest first. */
  #undoOrder: Y.UndoManager[] = []
  #redoOrder: Y.UndoManager[] = []
  readonly state = new Store<UndoState>({ canUndo: false, canRedo: false }, (a, b) => a.canUndo === b.canUndo && a.canRedo === b.canRedo)

  constructor(doc: Y.Doc, origin: object) {
    this.#origin = origin
    this.addDocument(doc)
  }

  /** Tracks this user's changes to one more document (the draft). */
  addDocument(doc: Y.Doc): void {
    const manager = new Y.UndoManager(undoScope(doc), {
      trackedOrigins: new Set([this.#origin]),
      captureTimeout: CAPTURE_TIMEOUT_MS,
    })
    this.#managers.push(manager)
    manager.on('stack-item-added', (event: { type: 'undo' | 'redo' }) => {
      if (event.type === 'redo') {
        this.#redoOrder.push(manager)
      } else {
        this.#undoOrder.push(manager)
        // A new change (not a redo) ends every document's redo history, as in one document.
        if (!manager.redoing && !manager.undoing) {
          for (const other of this.#managers) if (other !== manager) other.clear(false, true)
          this.#redoOrder = []
        }
      }
      this.#refresh()
    })
    manager.on('stack-item-popped', this.#refresh)
    manager.on('stack-cleared', this.#refresh)
  }

  #refresh = (): void => {
    this.state.set({
      canUndo: this.#managers.some((manager) => manager.canUndo()),
      canRedo: this.#managers.some((manager) => manager.canRedo()),
    })
  }

  undo(): boolean {
    return this.#step(this.#undoOrder, (manager) => manager.canUndo(), (manager) => manager.undo())
  }

  redo(): boolean {
    return this.#step(this.#redoOrder, (manager) => manager.canRedo(), (manager) => manager.redo())
  }

  #step(order: Y.UndoManager[], can: (m: Y.UndoManager) => boolean, run: (m: Y.UndoManager) => unknown): boolean {
    while (order.length > 0) {
      const manager = order.pop() as Y.UndoManager
      if (can(manager)) return run(manager) !== null
    }
    // Steps merged or cleared out of order: any manager that still has one.
    const manager = this.#managers.find(can)
    return manager ? run(manager) !== null : false
  }

  /** Ends the current undo step, so the next change is undone on its own. */
  stopCapturing(): void {
    for (const manager of this.#managers) manager.stopCapturing()
  }

  destroy(): void {
    for (const manager of this.#managers) manager.destroy()
  }
}
