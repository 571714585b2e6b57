import type { HeldBackReason, NoteData } from '@shared/board/index.ts'
import type { RefusalCode } from './note-rules.ts'
import type { NoteStore } from './note-store.ts'

/** How long a refused note is watched for the server's correction, in ms. */
const WATCH_MS = 30_000

/**
 * Keeps this user's new notes that the board refuses from vanishing: offline work that
 * arrives after the facilitator moved the session on, or when the board is full.
 *
 * The server names the refused notes in its permission-denied message, which it sends before
 * the corrected copy that takes them back. A note of this user's that the correction then
 * removes (it was new: the board never had it) is handed to `holdBack` as it last was, to be
 * kept in the private draft. A refused change to a note the board has only undoes that change;
 * the note stays, and nothing is held back.
 */
export class HeldBackNotes {
  readonly #notes: NoteStore
  readonly #me: () => string
  readonly #holdBack: (note: NoteData, reason: HeldBackReason) => void
  readonly #watching = new Map<string, () => void>()

  constructor(notes: NoteStore, me: () => string, holdBack: (note: NoteData, reason: HeldBackReason) => void) {
    this.#notes = notes
    this.#me = me
    this.#holdBack = holdBack
  }

  /** The server refused these notes (the rest of the write stayed). */
  refused(noteIds: readonly string[], code: RefusalCode): void {
    const reason: HeldBackReason = code === 'board-full' ? 'board-full' : 'phase-moved-on'
    for (const id of noteIds) {
      let note = this.#notes.get(id)
      if (!note || note.authorId !== this.#me() || this.#notes.isDraft(id) || this.#watching.has(id)) continue
      const stop = () => {
        unsubscribe()
        clearTimeout(timer)
        this.#watching.delete(id)
      }
      const unsubscribe = this.#notes.subscribeNote(id, () => {
        const now = this.#notes.get(id)
        if (now) {
          note = now // edited meanwhile: keep the newest words
          return
        }
        stop()
        if (note) this.#holdBack(note, reason)
      })
      const timer = setTimeout(stop, WATCH_MS)
      this.#watching.set(id, stop)
    }
  }

  destroy(): void {
    for (const stop of [...this.#watching.values()]) stop()
  }
}
