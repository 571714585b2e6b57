import { Fragment, useCallback } from 'react'
import { Layer, Rect } from './konva.ts'
import { hiddenWhileEmpty } from './hidden-while-empty.ts'
import { useStore, useStoreSelector } from '../../lib/use-store.ts'
import { useBoard } from '../board-context.ts'
import { useNotesOf } from '../use-board-data.ts'
import { HANDLE_SCREEN_PX } from '../view/layout.ts'
import type { Viewport } from '../view/viewport.ts'
import { NoteCard } from './NoteCard.tsx'
import { SpotlightMask } from './SpotlightMask.tsx'
import { DropCue } from './DropCue.tsx'
import { FindHighlights } from '../find/FindHighlights.tsx'

const SELECTION_COLOR = '#2563eb'
const scaleOf = (viewport: Viewport) => viewport.scale

/**
 * Everything that moves under the pointer, on its own layer: dragged and resized notes,
 * selection outlines and handles, the rubber band. While a note is dragged only this small
 * layer redraws; the notes layer is drawn again once, when the move is written.
 */
export function OverlayLayer() {
  const { session, ui, viewport } = useBoard()
  const selected = useNotesOf(session.stores.notes, ui.selection)
  const drag = useStore(ui.drag)
  const resize = useStore(ui.resize)
  const band = useStore(ui.rubberBand)
  const scale = useStoreSelector(viewport, scaleOf)
  const canEdit = useStoreSelector(
    session.capabilities,
    useCallback((c: { editNotes: boolean }) => c.editNotes, []),
  )
  const line = 2 / scale
  const handle = HANDLE_SCREEN_PX / scale
  return (
    <Layer ref={hiddenWhileEmpty} listening={false}>
      <SpotlightMask />
      <FindHighlights />
      <DropCue />
      {selected.map((note) => {
        const moving = drag?.ids.has(note.id) ?? false
        const x = note.x + (moving && drag ? drag.dx : 0)
        const y = note.y + (moving && drag ? drag.dy : 0)
        const width = resize?.id === note.id ? resize.width : note.width
        const height = resize?.id === note.id ? resize.height : note.height
        return (
          <Fragment key={note.id}>
            {(moving || resize?.id === note.id) && (
              <NoteCard look={{ x, y, width, height, color: note.color, text: note.text, faceDown: false }} showText />
            )}
            <Rect
              x={x - line}
              y={y - line}
              width={width + 2 * line}
              height={height + 2 * line}
              stroke={SELECTION_COLOR}
              strokeWidth={line}
            />
            {canEdit && (
              <Rect
                x={x + width - handle / 2}
                y={y + height - handle / 2}
                width={handle}
                height={handle}
                fill="#ffffff"
                stroke={SELECTION_COLOR}
                strokeWidth={line}
              />
            )}
          </Fragment>
        )
      })}
      {band && (
        <Rect
          x={band.x}
          y={band.y}
          width={band.width}
          height={band.height}
          fill="rgba(37,99,235,0.08)"
          stroke={SELECTION_COLOR}
          strokeWidth={1 / scale}
          dash={[6 / scale, 4 / scale]}
        />
      )}
    </Layer>
  )
}
