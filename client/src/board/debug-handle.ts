import type { NoteData, SessionState, ZoneData } from '@shared/board/index.ts'
import { voteTotalsVisible, type TimerView } from '@shared/facilitation/index.ts'
import type { BoardContextValue } from './board-context.ts'
import type { Viewport } from './view/viewport.ts'
import { drawingRecord, type DrawnNote, type DrawnZone } from './canvas/drawing-record.ts'
import { panCacheCounts } from './canvas/pan-cache.ts'

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
  /** The ids of the shapes drawn on the canvas under a name ('find-match', 'drop-cue' …). */
  canvasShapes(name: string): string[]
  zones(): ZoneData[]
  /** The zone a facilitator selected (keyboard, title bar), or null. */
  selectedZone(): string | null
  /** Starts (and redraws) or stops recording what each note and zone title is drawn with. */
  recordDrawing(on: boolean): void
  /** What the frames since recordDrawing(true) drew, by note and zone id. */
  drawn(): { notes: Record<string, DrawnNote>; zones: Record<string, DrawnZone> }
  /** How many frames so far drew the notes by copying the pan picture, and how often it was made. */
  panCopies(): { copies: number; builds: number; changed: number; fractional: number }
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
    canvasShapes: (name) => stage.current?.find(`.${name}`).map((node) => node.id()) ?? [],
    zones: () => [...session.stores.zones.get()],
    selectedZone: () => ui.selectedZone.get(),
    recordDrawing(on) {
      drawingRecord.notes = on ? new Map() : null
      drawingRecord.zones = on ? new Map() : null
      board.stage.current?.batchDraw()
    },
    panCopies: () => ({ ...panCacheCounts }),
    drawn: () => ({
      notes: Object.fromEntries(drawingRecord.notes ?? []),
      zones: Object.fromEntries(drawingRecord.zones ?? []),
    }),
  }
  window.kokeileva = handle
  return () => {
    if (window.kokeileva === handle) delete window.kokeileva
  }
}
