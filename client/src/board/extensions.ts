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
 * - A **board strip** is a full-width bar between the header and the toolbar, for everyone it
 *   is available to (the current phase and timer; the dot-vote bar).
 * - A **canvas overlay** is HTML laid over the top of the canvas, under the banners (chips
 *   that belong to the view: following the facilitator, the spotlight).
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
  /**
   * Optional hook: whether the header button shows right now (it may read stores, so the
   * button comes and goes with the board's state). Without it the button always shows.
   */
  useShown?: (board: BoardContextValue) => boolean
  /** Open this panel when the board opens (on screens wide enough for it beside the canvas). */
  openInitially?: (board: BoardContextValue) => boolean
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

export interface BoardStrip {
  id: string
  /**
   * Laid over the top of the canvas instead of above it: for a strip that comes and goes
   * during the session (the vote bar), so that it never moves the board under the pointer.
   */
  overCanvas?: boolean
  isAvailable(board: BoardContextValue): boolean
  component: ComponentType<{ board: BoardContextValue }>
}

export interface CanvasOverlay {
  id: string
  component: ComponentType<{ board: BoardContextValue }>
}

export interface BoardOverlay {
  id: string
  component: ComponentType<{ board: BoardContextValue }>
}

export const boardPanels: BoardPanel[] = []
export const selectionActions: SelectionAction[] = []
export const boardStrips: BoardStrip[] = []
export const canvasOverlays: CanvasOverlay[] = []
export const boardOverlays: BoardOverlay[] = []

export function registerBoardPanel(panel: BoardPanel): void {
  if (!boardPanels.some((existing) => existing.id === panel.id)) boardPanels.push(panel)
}

export function registerSelectionAction(action: SelectionAction): void {
  if (!selectionActions.some((existing) => existing.id === action.id)) selectionActions.push(action)
}

/** Strips appear in the order they were registered. */
export function registerBoardStrip(strip: BoardStrip): void {
  if (!boardStrips.some((existing) => existing.id === strip.id)) boardStrips.push(strip)
}

export function registerCanvasOverlay(overlay: CanvasOverlay): void {
  if (!canvasOverlays.some((existing) => existing.id === overlay.id)) canvasOverlays.push(overlay)
}

export function registerBoardOverlay(overlay: BoardOverlay): void {
  if (!boardOverlays.some((existing) => existing.id === overlay.id)) boardOverlays.push(overlay)
}
