import { useEffect, useLayoutEffect, useRef } from 'react'
import { useStore } from '../../lib/use-store.ts'
import { useT } from '../../i18n/use-t.ts'
import { NOTE_TEXT_MAX_CHARS } from '@shared/board/index.ts'
import { useBoard } from '../board-context.ts'
import { bindNoteText } from '../data/note-text-editing.ts'
import { useNote } from '../use-board-data.ts'
import { fitNoteText } from '../canvas/measure.ts'
import { FONT_FAMILY, NOTE_LINE_HEIGHT, NOTE_PADDING } from '../view/layout.ts'
import { boardToScreen } from '../view/viewport.ts'
import { SILENT_EDIT_HINT_ID, SilentEditHint } from './SilentEditHint.tsx'
import { useOnScreenKeyboard } from './use-on-screen-keyboard.ts'

/** Opens the in-place editor for the note being edited here, if any. */
export function NoteEditorHost() {
  const { ui } = useBoard()
  const editing = useStore(ui.editingNote)
  return editing ? (
    <>
      <NoteEditor key={editing} id={editing} />
      <SilentEditHint id={editing} />
    </>
  ) : null
}

/**
 * A textarea laid exactly over the note, bound to the note's Y.Text: typing writes minimal
 * diffs through the session's writer; co-authors' edits appear without moving the caret.
 * Escape or a click outside ends editing and keeps the text. The font follows the note's
 * auto-fit, and the note grows when the text no longer fits at the smallest size.
 */
function NoteEditor({ id }: { id: string }) {
  const { session, ui, viewport, commands } = useBoard()
  const { t } = useT()
  const note = useNote(session.stores.notes, id)
  const view = useStore(viewport)
  const textarea = useRef<HTMLTextAreaElement>(null)
  useOnScreenKeyboard(textarea, viewport)

  useLayoutEffect(() => {
    const element = textarea.current
    if (!element || !session.writer.noteText(id)) return
    const unbind = bindNoteText(element, id, {
      writer: session.writer,
      notes: session.stores.notes,
      origin: session.origin,
    })
    element.focus({ preventScroll: true })
    element.setSelectionRange(element.value.length, element.value.length)
    session.presence.setEditing(id)
    return () => {
      unbind()
      session.presence.setEditing(null)
    }
  }, [id, session])

  // The note was deleted (by someone else, or undone) while being edited.
  useEffect(() => {
    if (!note) ui.editingNote.set(null)
  }, [note, ui])

  // Grow the note when its text needs more room than the smallest font gives.
  useEffect(() => {
    if (!note) return
    const fitted = fitNoteText(note.text, note.width, note.height)
    if (fitted.neededHeight > note.height) session.writer.growNote(id, fitted.neededHeight)
  }, [note, id, session])

  if (!note) return null
  const fitted = fitNoteText(note.text || ' ', note.width, note.height)
  const topLeft = boardToScreen(view, note)
  return (
    <textarea
      ref={textarea}
      className="note-editor"
      aria-label={t('editor.label')}
      aria-describedby={SILENT_EDIT_HINT_ID}
      maxLength={NOTE_TEXT_MAX_CHARS}
      spellCheck
      style={{
        left: topLeft.x,
        top: topLeft.y,
        width: note.width,
        height: note.height,
        transform: `scale(${view.scale})`,
        background: note.color,
        fontFamily: FONT_FAMILY,
        fontSize: fitted.fontSize,
        lineHeight: NOTE_LINE_HEIGHT,
        padding: NOTE_PADDING,
      }}
      onKeyDown={(event) => {
        const mod = event.ctrlKey || event.metaKey
        if (event.key === 'Escape') {
          event.preventDefault()
          commands.closeEditor()
          document.querySelector<HTMLElement>('[data-testid="board-canvas"]')?.focus()
        } else if (mod && event.key.toLowerCase() === 'z') {
          // The board's undo, not the textarea's: it knows about co-authors.
          event.preventDefault()
          if (event.shiftKey) commands.redo()
          else commands.undo()
        } else if (mod && event.key.toLowerCase() === 'y') {
          event.preventDefault()
          commands.redo()
        }
        event.stopPropagation()
      }}
      onBlur={() => commands.closeEditor()}
    />
  )
}
