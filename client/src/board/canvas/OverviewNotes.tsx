import type { Context } from 'konva/lib/Context'
import type { Shape as KonvaShape } from 'konva/lib/Shape'
import { useCallback, useEffect, useRef } from 'react'
import { Shape } from './konva.ts'
import { voteTotalsVisible } from '@shared/facilitation/index.ts'
import { localeStore } from '../../i18n/index.ts'
import { useBoard } from '../board-context.ts'
import { drawBounds, drawNote } from './draw-note.ts'
import { lookOf, type LookContext } from './note-look.ts'

/** A note narrower than this on screen can show neither text nor marks: a plain card. */
const PLAIN_CARD_SCREEN_PX = 28

/**
 * Zoomed far out, notes are many and small: they are drawn by this one shape straight from
 * the note store, without a React component or a Konva node per note, but as NoteShape
 * draws them (draw-note.ts): the first words of their text wherever those can be read, their
 * marks, face down in silent mode. A remote change redraws the layer (one frame) and
 * re-renders nothing.
 */
export function OverviewNotes() {
  const { session, culled, ui, identity } = useBoard()
  const presence = session.presence
  const shape = useRef<KonvaShape>(null)

  useEffect(() => {
    const redraw = () => shape.current?.getLayer()?.batchDraw()
    const offs = [
      session.stores.notes.subscribeChanges(redraw),
      session.stores.session.subscribe(redraw),
      session.votes.results.subscribe(redraw),
      culled.ids.subscribe(redraw),
      ui.drag.subscribe(redraw),
      ui.resize.subscribe(redraw),
      presence.editors.subscribe(redraw),
      identity.subscribe(redraw),
      localeStore.subscribe(redraw),
    ]
    return () => {
      for (const off of offs) off()
    }
  }, [session, culled, ui, presence, identity])

  const sceneFunc = useCallback(
    (konvaContext: Context, self: KonvaShape) => {
      const context = konvaContext._context
      const scale = self.getAbsoluteScale().x
      const notes = session.stores.notes
      const dragged = ui.drag.get()?.ids
      const resized = ui.resize.get()?.id
      const editors = presence.editors.get()
      const state = session.stores.session.get()
      const results = session.votes.results.get()
      const looks: LookContext = {
        faceDown: (note) => state.silent && session.rules.visibility(note) === 'face-down',
        voting: !voteTotalsVisible(state),
        result: (id) => results.get(id),
        me: { id: session.identity.id, color: identity.get().color },
        locale: localeStore.get(),
      }
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
        const editor = editors.get(id)?.[0]
        if (note.width * scale < PLAIN_CARD_SCREEN_PX && !editor) {
          context.fillStyle = note.color
          context.fillRect(note.x, note.y, note.width, note.height)
          continue
        }
        context.save()
        context.translate(note.x, note.y)
        drawNote(context, lookOf(note, looks, editor), scale)
        context.restore()
      }
    },
    [session, culled, ui, presence, identity],
  )
  return <Shape ref={shape} sceneFunc={sceneFunc} listening={false} perfectDrawEnabled={false} />
}
