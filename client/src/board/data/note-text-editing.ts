import type * as Y from 'yjs'
import type { NoteStore } from './note-store.ts'
import { bindTextarea, type TextareaLike } from './text-binding.ts'
import type { BoardWriter } from './writer.ts'

/**
 * Binds the note editor's textarea to a note's text wherever the note lives: in the private
 * draft while the session is silent, on the board once revealed. When the server moves the
 * note from the draft to the board while its author is typing, the binding follows it, and
 * what was typed meanwhile into the draft copy (which the server had already emptied) is
 * written into the board's copy: the textarea neither blanks nor loses keystrokes.
 */
export function bindNoteText(
  textarea: TextareaLike,
  id: string,
  { writer, notes, origin }: { writer: BoardWriter; notes: NoteStore; origin: unknown },
): () => void {
  const write = (diff: { index: number; remove: number; insert: string }) => writer.editText(id, diff.index, diff.remove, diff.insert)
  let text: Y.Text | null = writer.noteText(id)
  if (!text) return () => undefined
  let unbind = bindTextarea(textarea, text, write, origin)
  const stop = notes.subscribeNote(id, () => {
    const home = writer.noteText(id)
    // Null while only the draft's removal has arrived: keep the old binding until the copy does.
    if (!home || home === text) return
    const typed = textarea.value
    unbind()
    text = home
    unbind = bindTextarea(textarea, home, write, origin, { typed })
  })
  return () => {
    stop()
    unbind()
  }
}
