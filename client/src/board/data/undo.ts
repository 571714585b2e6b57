import * as Y from 'yjs'
import { undoScope } from '../../../../shared/board/index.ts'
import { Store } from '../../lib/store.ts'

export interface UndoState {
  canUndo: boolean
  canRedo: boolean
}

/** Typing pauses longer than this start a new undo step. */
const CAPTURE_TIMEOUT_MS = 500

/**
 * Undo and redo of this user's own changes: the Y.UndoManager tracks only the session's local
 * origin, so remote edits (and IndexedDB loads) are never reverted by this user's Ctrl+Z.
 */
export class UndoHistory {
  readonly #manager: Y.UndoManager
  readonly state = new Store<UndoState>({ canUndo: false, canRedo: false }, (a, b) => a.canUndo === b.canUndo && a.canRedo === b.canRedo)

  constructor(doc: Y.Doc, origin: object) {
    this.#manager = new Y.UndoManager(undoScope(doc), {
      trackedOrigins: new Set([origin]),
      captureTimeout: CAPTURE_TIMEOUT_MS,
    })
    const refresh = () => this.state.set({ canUndo: this.#manager.canUndo(), canRedo: this.#manager.canRedo() })
    this.#manager.on('stack-item-added', refresh)
    this.#manager.on('stack-item-popped', refresh)
    this.#manager.on('stack-cleared', refresh)
  }

  undo(): boolean {
    return this.#manager.undo() !== null
  }

  redo(): boolean {
    return this.#manager.redo() !== null
  }

  /** Ends the current undo step, so the next change is undone on its own. */
  stopCapturing(): void {
    this.#manager.stopCapturing()
  }

  destroy(): void {
    this.#manager.destroy()
  }
}
