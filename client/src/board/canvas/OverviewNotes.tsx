import type { Context } from 'konva/lib/Context'
import type { Shape as KonvaShape } from 'konva/lib/Shape'
import { useCallback, useEffect, useRef } from 'react'
import { Shape } from 'react-konva'
import { useBoard } from '../board-context.ts'
import { drawBounds } from './draw-note.ts'

/**
 * Zoomed far out, notes are coloured cards too small to read: they are drawn by this one
 * shape straight from the note store, without a React component or a Konva node per note.
 * A remote change redraws the layer (one frame) and re-renders nothing.
 */
export function OverviewNotes() {
  const { session, culled, ui } = useBoard()
  const presence = session.presence
  const shape = useRef<KonvaShape>(null)

  useEffect(() => {
    const redraw = () => shape.current?.getLayer()?.batchDraw()
    const offs = [
      session.stores.notes.subscribeChanges(redraw),
      culled.ids.subscribe(redraw),
      ui.drag.subscribe(redraw),
      ui.resize.subscribe(redraw),
      presence.editors.subscribe(redraw),
    ]
    return () => {
      for (const off of offs) off()
    }
  }, [session, culled, ui, presence])

  const sceneFunc = useCallback(
    (konvaContext: Context) => {
      const context = konvaContext._context
      const notes = session.stores.notes
      const dragged = ui.drag.get()?.ids
      const resized = ui.resize.get()?.id
      const editors = presence.editors.get()
      const right = drawBounds.x + drawBounds.width
      const bottom = drawBounds.y + drawBounds.height
      for (const id of culled.ids.get()) {
        const note = notes.get(id)
        if (!note || dragged?.has(id) || resized === id) continue
        if (
          note.x > right ||
          note.y > bottom ||
          note.x + note.width < drawBounds.x ||
          note.y + note.height < drawBounds.y
        )
          continue
        context.fillStyle = note.color
        context.fillRect(note.x, note.y, note.width, note.height)
        const editor = editors.get(id)?.[0]
        if (editor) {
          context.strokeStyle = editor.color
          context.lineWidth = 8
          context.strokeRect(note.x, note.y, note.width, note.height)
        }
      }
    },
    [session, culled, ui, presence],
  )
  return <Shape ref={shape} sceneFunc={sceneFunc} listening={false} perfectDrawEnabled={false} />
}
