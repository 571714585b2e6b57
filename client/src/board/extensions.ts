import type { ComponentType } from 'react'
import type { MessageKey } from '../i18n/index.ts'
import type { BoardContextValue } from './board-context.ts'

/**
 * Extension points of the board page, so that features can be added without editing it:
 *
 * - A **board panel** is a side panel with a button in the board header, shown to the roles
 *   it names (the facilitator panel — phase, timer, lock, silent mode, voting — registers one).
 * - A **selection action** is a toolbar button that acts on the selected notes (for example
 *   "promote to idea", for facilitators).
 * - A **board overlay** is a component always mounted on the board page, for what a selection
 *   action opens (a dialog); it renders nothing while closed.
 *
 * Register from a module imported by client/src/extensions.ts. Components read the board
 * with useBoard() (session, stores, writer, capabilities, ui state) and add their strings to
 * both catalogues in client/src/i18n.
 */
export interface BoardPanel {
  id: string
  /** The header button's label and the panel's heading. */
  title: MessageKey
  isAvailable(board: BoardContextValue): boolean
  component: ComponentType<{ board: BoardContextValue; onClose: () => void }>
}

export interface SelectionActionContext {
  board: BoardContextValue
  selection: ReadonlySet<string>
}

export interface SelectionAction {
  id: string
  label: MessageKey
  /** Whether the button is shown (role, board state); it is disabled while nothing is selected. */
  isAvailable(context: SelectionActionContext): boolean
  run(context: SelectionActionContext): void
}

export interface BoardOverlay {
  id: string
  component: ComponentType<{ board: BoardContextValue }>
}

export const boardPanels: BoardPanel[] = []
export const selectionActions: SelectionAction[] = []
export const boardOverlays: BoardOverlay[] = []

export function registerBoardPanel(panel: BoardPanel): void {
  if (!boardPanels.some((existing) => existing.id === panel.id)) boardPanels.push(panel)
}

export function registerSelectionAction(action: SelectionAction): void {
  if (!selectionActions.some((existing) => existing.id === action.id)) selectionActions.push(action)
}

export function registerBoardOverlay(overlay: BoardOverlay): void {
  if (!boardOverlays.some((existing) => existing.id === overlay.id)) boardOverlays.push(overlay)
}
