import type { Text } from 'konva/lib/shapes/Text'
import type { NoteData, SessionState } from '@shared/board/index.ts'
import { voteTotalsVisible, type TimerView } from '@shared/facilitation/index.ts'
import type { BoardContextValue } from './board-context.ts'
import type { Viewport } from './view/viewport.ts'

/** A read-only look at the open board for browser tests and benchmarks (`window.kokeileva`). */
export interface BoardDebugHandle {
  boardId: string
  role: string
  connection(): string
  notes(): NoteData[]
  /** Ids of the notes that are only in this user's private draft (silent mode). */
  draftNoteIds(): string[]
  mountedNotes(): number
  viewport(): Viewport
  /** The session map as this page reads it (phase, timer, voting …). */
  session(): SessionState
  /** The countdown this page shows. */
  timer(): TimerView
  /** The dot vote's ranking as this page may show it (empty while a round is open). */
  results(): { id: string; votes: number; rank: number }[]
  /** The selected notes' ids. */
  selection(): string[]
  /** Board point → page point, so that a test can click a note where it is drawn. */
  toPage(point: { x: number; y: number }): { x: number; y: number }
  /** The texts drawn as text shapes on the canvas (zone titles, their marks), as drawn now. */
  canvasTexts(): string[]
  /** The ids of the shapes drawn on the canvas under a name ('find-match', 'drop-cue' …). */
  canvasShapes(name: string): string[]
}

declare global {
  interface Window {
    kokeileva?: BoardDebugHandle
  }
}

export function exposeForTests(board: BoardContextValue): () => void {
  const { session, viewport, culled, ui, stage } = board
  const handle: BoardDebugHandle = {
    boardId: session.boardId,
    role: session.role,
    connection: () => session.connection.get().kind,
    notes: () => [...session.stores.notes.values()],
    draftNoteIds: () =>
      [...session.stores.notes.values()].filter((note) => session.stores.notes.isDraft(note.id)).map((note) => note.id),
    mountedNotes: () => culled.ids.get().length,
    viewport: () => viewport.get(),
    session: () => session.stores.session.get(),
    timer: () => session.countdown.view.get(),
    results: () =>
      voteTotalsVisible(session.stores.session.get())
        ? session.votes.ranking.get().map(({ note, votes, rank }) => ({ id: note.id, votes, rank }))
        : [],
    selection: () => [...ui.selection.get()],
    toPage(point) {
      const canvas = document.querySelector('[data-testid="board-canvas"]')
      const rect = canvas?.getBoundingClientRect() ?? { left: 0, top: 0 }
      const { x, y, scale } = viewport.get()
      return { x: rect.left + point.x * scale + x, y: rect.top + point.y * scale + y }
    },
    canvasTexts: () => stage.current?.find<Text>('Text').map((node) => node.text()) ?? [],
    canvasShapes: (name) => stage.current?.find(`.${name}`).map((node) => node.id()) ?? [],
  }
  window.kokeileva = handle
  return () => {
    if (window.kokeileva === handle) delete window.kokeileva
  }
}
