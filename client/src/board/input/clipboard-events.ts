import type { BoardUiState } from '../view/ui-state.ts'
import { linesToNoteTexts, notesToClipboard, NOTES_MIME, parseClipboardNotes, type ClipboardNote } from './clipboard.ts'
import type { BoardCommands } from './commands.ts'
import { NEW_NOTE_SIZE } from './note-placer.ts'

/** Whether a clipboard event belongs to a field or a dialog (theirs), not to the board. */
function notForTheBoard(event: ClipboardEvent): boolean {
  const target = event.target
  if (!(target instanceof HTMLElement)) return false
  return (
    target.isContentEditable ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    target.closest('[role="dialog"]') !== null
  )
}

/**
 * Copy and paste on the board page (Ctrl+C / Ctrl+V, or the browser's menu): selected notes
 * are copied as text, HTML and Kokeileva's own type; a paste makes notes of copied notes (on
 * this board or another) or one note per line of text, in the open zone. Fields and dialogs
 * keep their own copy and paste, and so does text selected on the page.
 */
export function attachClipboard(ui: BoardUiState, commands: BoardCommands): () => void {
  const onCopy = (event: ClipboardEvent) => {
    if (notForTheBoard(event) || !event.clipboardData) return
    if ((window.getSelection()?.toString() ?? '') !== '') return
    const notes = commands.notesToCopy()
    if (notes.length === 0) return
    const data = notesToClipboard(notes)
    event.clipboardData.setData('text/plain', data.text)
    event.clipboardData.setData('text/html', data.html)
    event.clipboardData.setData(NOTES_MIME, data.json)
    event.preventDefault()
  }
  const onPaste = (event: ClipboardEvent) => {
    if (notForTheBoard(event) || !event.clipboardData) return
    const clipboard = event.clipboardData
    const copied = parseClipboardNotes({ json: clipboard.getData(NOTES_MIME), html: clipboard.getData('text/html') })
    if (copied) {
      event.preventDefault()
      commands.pasteNotes(copied, { keepLayout: true })
      return
    }
    const { texts, leftOut } = linesToNoteTexts(clipboard.getData('text/plain'))
    if (texts.length === 0) return
    event.preventDefault()
    const color = ui.noteColor.get()
    const notes: ClipboardNote[] = texts.map((text) => ({ text, color, ...NEW_NOTE_SIZE, dx: 0, dy: 0 }))
    commands.pasteNotes(notes, { keepLayout: false, leftOut })
  }
  document.addEventListener('copy', onCopy)
  document.addEventListener('paste', onPaste)
  return () => {
    document.removeEventListener('copy', onCopy)
    document.removeEventListener('paste', onPaste)
  }
}
