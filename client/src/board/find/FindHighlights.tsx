import { Rect } from '../canvas/konva.ts'
import { useStore, useStoreSelector } from '../../lib/use-store.ts'
import { useBoard } from '../board-context.ts'
import { useNotesOf } from '../use-board-data.ts'
import type { Viewport } from '../view/viewport.ts'

const MATCH_COLOR = '#f59e0b'
const CURRENT_COLOR = '#c2410c'
const scaleOf = (viewport: Viewport) => viewport.scale

/**
 * Find's matches on the canvas: an amber ring around each matching note, a thicker, darker
 * one around the match shown last. Drawn on the overlay layer; nothing while find is closed.
 */
export function FindHighlights() {
  const { find, session, viewport } = useBoard()
  const state = useStore(find.state)
  const notes = useNotesOf(session.stores.notes, find.matchIds)
  const scale = useStoreSelector(viewport, scaleOf)
  if (!state.open) return null
  const currentId = state.current >= 0 ? state.matches[state.current] : undefined
  return notes.map((note) => {
    const current = note.id === currentId
    const line = (current ? 6 : 4) / scale
    return (
      <Rect
        key={note.id}
        name="find-match"
        id={note.id}
        x={note.x - line * 1.5}
        y={note.y - line * 1.5}
        width={note.width + line * 3}
        height={note.height + line * 3}
        stroke={current ? CURRENT_COLOR : MATCH_COLOR}
        strokeWidth={line}
        cornerRadius={6 / scale}
        perfectDrawEnabled={false}
        listening={false}
      />
    )
  })
}
