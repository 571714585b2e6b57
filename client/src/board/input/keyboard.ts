import type { MessageKey } from '../../i18n/index.ts'
import type { BoardCommands } from './commands.ts'
import type { BoardUiState } from '../view/ui-state.ts'
import type { FindController } from '../find/find-controller.ts'

/** One keyboard shortcut, as the shortcuts panel lists it. */
export interface ShortcutHelp {
  /** Key names (kept as printed on keyboards), or a catalogue key for gestures. */
  keys: string | { gesture: MessageKey }
  label: MessageKey
}

export const SHORTCUTS: readonly ShortcutHelp[] = [
  { keys: 'N', label: 'shortcut.newNote' },
  { keys: { gesture: 'keys.doubleClick' }, label: 'shortcut.doubleClick' },
  { keys: 'Enter', label: 'shortcut.edit' },
  { keys: 'Esc', label: 'shortcut.escape' },
  { keys: 'Delete', label: 'shortcut.delete' },
  { keys: 'Ctrl/⌘ + D', label: 'shortcut.duplicate' },
  { keys: 'Ctrl/⌘ + C', label: 'shortcut.copy' },
  { keys: 'Ctrl/⌘ + V', label: 'shortcut.paste' },
  { keys: 'Ctrl/⌘ + F', label: 'shortcut.find' },
  { keys: 'Ctrl/⌘ + Z', label: 'shortcut.undo' },
  { keys: 'Ctrl/⌘ + Shift + Z', label: 'shortcut.redo' },
  { keys: 'Ctrl/⌘ + A', label: 'shortcut.selectAll' },
  { keys: { gesture: 'keys.shiftClick' }, label: 'shortcut.shiftClick' },
  { keys: '← ↑ → ↓', label: 'shortcut.nudge' },
  { keys: 'Alt + ← ↑ → ↓', label: 'a11y.shortcut.resize' },
  { keys: 'Enter / F2', label: 'a11y.shortcut.renameZone' },
  { keys: { gesture: 'keys.spaceDrag' }, label: 'shortcut.pan' },
  { keys: '+ / −', label: 'shortcut.zoom' },
  { keys: '0', label: 'shortcut.zoomReset' },
  { keys: '1', label: 'shortcut.zoomFit' },
  { keys: 'Z / Shift + Z', label: 'shortcut.zoomZone' },
  { keys: { gesture: 'a11y.keys.notesPanel' }, label: 'a11y.shortcut.notesPanel' },
  { keys: 'V', label: 'facilitation.shortcut.vote' },
  { keys: 'Shift + V', label: 'facilitation.shortcut.unvote' },
  { keys: '?', label: 'shortcut.help' },
]

/** An arrow key as a direction; null for any other key. */
function arrowStep(key: string): { dx: number; dy: number } | null {
  if (!key.startsWith('Arrow')) return null
  return {
    dx: key === 'ArrowLeft' ? -1 : key === 'ArrowRight' ? 1 : 0,
    dy: key === 'ArrowUp' ? -1 : key === 'ArrowDown' ? 1 : 0,
  }
}

function isTextInput(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return (
    target.isContentEditable ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  )
}

/**
 * Board shortcuts on the window while a board page is open. Keys that also mean something
 * to a focused control (Enter, Space, arrows) act only when the canvas or the page has focus;
 * nothing fires while the user types in a field.
 */
export function attachKeyboard(
  canvas: HTMLElement,
  ui: BoardUiState,
  commands: BoardCommands,
  find: FindController,
): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented || isTextInput(event.target)) return
    const mod = event.ctrlKey || event.metaKey
    const onCanvas = event.target === canvas || event.target === document.body
    const key = event.key
    const handled = (): void => event.preventDefault()
    if (mod) {
      const lower = key.toLowerCase()
      if (lower === 'z' && !event.shiftKey) {
        handled()
        commands.undo()
      } else if ((lower === 'z' && event.shiftKey) || lower === 'y') {
        handled()
        commands.redo()
      } else if (lower === 'd') {
        handled()
        commands.duplicateSelection()
      } else if (lower === 'a' && onCanvas) {
        handled()
        commands.selectAll()
      } else if (lower === 'f' && !event.shiftKey && !event.altKey) {
        // The board's own find: the browser's cannot see text drawn on a canvas.
        handled()
        find.open()
        find.focus()
      }
      return
    }
    if (event.altKey) {
      // Alt+arrows resize the selected notes, or the selected zone (facilitators).
      const step = arrowStep(key)
      if (!step || !onCanvas) return
      const zone = ui.selectedZone.get()
      if (ui.selection.get().size > 0) {
        handled()
        commands.resizeSelectionBy(step.dx, step.dy, event.shiftKey)
      } else if (zone !== null) {
        handled()
        commands.resizeZoneBy(zone, step.dx, step.dy, event.shiftKey)
      }
      return
    }
    switch (key) {
      case 'Delete':
      case 'Backspace':
        if (ui.selection.get().size > 0) {
          handled()
          commands.deleteSelection()
        } else if (ui.selectedZone.get() !== null && onCanvas) {
          handled()
          commands.requestDeleteZone(ui.selectedZone.get()!)
        }
        return
      case 'Escape':
        if (ui.shortcutsOpen.get()) ui.shortcutsOpen.set(false)
        else {
          ui.clearSelection()
          ui.selectedZone.set(null)
        }
        return
      case '?':
        handled()
        ui.shortcutsOpen.update((open) => !open)
        return
      case '+':
      case '=':
        handled()
        commands.zoomIn()
        return
      case '-':
        handled()
        commands.zoomOut()
        return
      case '0':
        handled()
        commands.zoomReset()
        return
      case '1':
        handled()
        commands.zoomToFit()
        return
      case 'z':
      case 'Z':
        handled()
        commands.zoomToNextZone(event.shiftKey ? -1 : 1)
        return
      case 'n':
      case 'N':
        handled()
        commands.createNoteInView()
        return
      case 'v':
      case 'V':
        if (ui.selection.get().size === 1) {
          handled()
          commands.voteSelected(event.shiftKey ? -1 : 1)
        }
        return
      default:
        break
    }
    if (!onCanvas) return
    if (key === ' ') {
      handled()
      ui.panMode.set(true)
    } else if (key === 'Enter' || key === 'F2') {
      const [only, ...rest] = ui.selection.get()
      const zone = ui.selectedZone.get()
      if (only && rest.length === 0) {
        handled()
        commands.editNote(only)
      } else if (!only && zone !== null) {
        handled()
        ui.editingZone.set(zone)
      }
    } else {
      const step = arrowStep(key)
      if (!step) return
      const zone = ui.selectedZone.get()
      if (ui.selection.get().size > 0) {
        handled()
        commands.moveSelectionBy(step.dx, step.dy, event.shiftKey)
      } else if (zone !== null) {
        handled()
        commands.moveZoneBy(zone, step.dx, step.dy, event.shiftKey)
      }
    }
  }
  const onKeyUp = (event: KeyboardEvent) => {
    if (event.key === ' ') ui.panMode.set(false)
  }
  const onBlur = () => ui.panMode.set(false)
  window.addEventListener('keydown', onKeyDown)
  window.addEventListener('keyup', onKeyUp)
  window.addEventListener('blur', onBlur)
  return () => {
    window.removeEventListener('keydown', onKeyDown)
    window.removeEventListener('keyup', onKeyUp)
    window.removeEventListener('blur', onBlur)
  }
}
