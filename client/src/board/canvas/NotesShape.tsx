import type { Context } from 'konva/lib/Context'
import type { Shape as KonvaShape } from 'konva/lib/Shape'
import { useCallback, useEffect, useRef } from 'react'
import { Shape } from './konva.ts'
import type { NoteData, PhaseData, SessionState, ZoneData } from '@shared/board/index.ts'
import { voteTotalsVisible } from '@shared/facilitation/index.ts'
import type { Identity } from '../../identity/identity.ts'
import { localeStore, type Locale } from '../../i18n/index.ts'
import type { VoteResult } from '../data/vote-tally.ts'
import { useBoard } from '../board-context.ts'
import { OVERVIEW_SCALE } from '../view/layout.ts'
import { drawBounds, drawNote, type NoteLook } from './draw-note.ts'
import { drawingRecord } from './drawing-record.ts'
import { PanCache } from './pan-cache.ts'
import type { Rect } from '../view/geometry.ts'
import { lookOf, type LookContext } from './note-look.ts'

/** Zoomed out, a note narrower than this on screen can show neither text nor marks: a plain card. */
const PLAIN_CARD_SCREEN_PX = 28

/** What a note's look was made from; the look is made again only when one of these changed. */
interface CachedLook {
  note: NoteData
  editor: Identity | undefined
  editing: boolean
  session: SessionState
  /** What decides, in silent mode, whose notes are face down (NoteRules). */
  zones: readonly ZoneData[]
  phases: readonly PhaseData[]
  results: ReadonlyMap<string, VoteResult>
  me: Identity
  locale: Locale
  look: NoteLook
}

/**
 * Every note in (and near) the view, drawn by this one shape straight from the note store,
 * without a React component or a Konva node per note, at every zoom (draw-note.ts): whole
 * texts close up, the first words of their text wherever those can be read zoomed out (level
 * of detail), their marks, face down in silent mode. Zoomed far out, notes too small to carry
 * anything are plain cards. A remote change redraws the layer (one frame) and re-renders
 * nothing; a re-cull (the view left its margin) mounts nothing either. Each note's look is
 * kept until the note or what decides its look changes, so that a pan frame only draws; once a
 * pan goes on with nothing else changing, it only copies a picture of them (pan-cache.ts).
 * What a few notes carry besides (names of others editing them, the draft mark) is NoteChromes.
 */
export function NotesShape() {
  const { session, culled, ui, identity } = useBoard()
  const presence = session.presence
  const shape = useRef<KonvaShape>(null)
  const looks = useRef(new Map<string, CachedLook>())
  const panCache = useRef(new PanCache())
  /** Counts the changes to what is drawn (anything but the camera): a picture of another count is stale. */
  const version = useRef(0)

  useEffect(() => {
    const redraw = () => {
      version.current++
      shape.current?.getLayer()?.batchDraw()
    }
    const offs = [
      session.stores.notes.subscribeChanges(redraw),
      session.stores.session.subscribe(redraw),
      session.stores.zones.subscribe(redraw),
      session.stores.phases.subscribe(redraw),
      session.votes.results.subscribe(redraw),
      culled.ids.subscribe(redraw),
      ui.drag.subscribe(redraw),
      ui.resize.subscribe(redraw),
      ui.editingNote.subscribe(redraw),
      presence.editors.subscribe(redraw),
      identity.subscribe(redraw),
      localeStore.subscribe(redraw),
      // Forget the looks of notes no longer near the view (or gone).
      culled.ids.subscribe(() => {
        const cache = looks.current
        if (cache.size < 2 * culled.ids.get().length + 500) return
        const keep = new Set(culled.ids.get())
        for (const id of cache.keys()) if (!keep.has(id)) cache.delete(id)
      }),
    ]
    const cache = panCache.current
    return () => {
      for (const off of offs) off()
      cache.clear()
    }
  }, [session, culled, ui, presence, identity])

  /** Draws the notes in `bounds` (board units) at the zoom `scale`, with the context's transform. */
  const drawNotes = useCallback(
    (context: CanvasRenderingContext2D, bounds: Rect, scale: number) => {
      const plainBelow = scale < OVERVIEW_SCALE ? PLAIN_CARD_SCREEN_PX / scale : 0
      const notes = session.stores.notes
      const dragged = ui.drag.get()?.ids
      const resized = ui.resize.get()?.id
      const editing = ui.editingNote.get()
      const editors = presence.editors.get()
      const state = session.stores.session.get()
      const results = session.votes.results.get()
      const zones = session.stores.zones.get()
      const phases = session.stores.phases.get()
      const me = identity.get()
      const locale = localeStore.get()
      let lookContext: LookContext | null = null
      const cache = looks.current
      const right = bounds.x + bounds.width
      const bottom = bounds.y + bounds.height
      for (const id of culled.ids.get()) {
        const note = notes.get(id)
        if (!note || dragged?.has(id) || resized === id) continue
        if (note.x > right || note.y > bottom || note.x + note.width < bounds.x || note.y + note.height < bounds.y)
          continue
        const editor = editors.get(id)?.[0]
        if (note.width < plainBelow && !editor) {
          context.fillStyle = note.color
          context.fillRect(note.x, note.y, note.width, note.height)
          continue
        }
        const here = editing === id
        let cached = cache.get(id)
        if (
          !cached ||
          cached.note !== note ||
          cached.editor !== editor ||
          cached.editing !== here ||
          cached.session !== state ||
          cached.zones !== zones ||
          cached.phases !== phases ||
          cached.results !== results ||
          cached.me !== me ||
          cached.locale !== locale
        ) {
          lookContext ??= {
            faceDown: (shown) => state.silent && session.rules.visibility(shown) === 'face-down',
            voting: !voteTotalsVisible(state),
            result: (noteId) => results.get(noteId),
            me: { id: session.identity.id, color: me.color },
            locale,
          }
          const look = lookOf(note, lookContext, editor)
          // Under this user's own text editor the text is not drawn (the editor shows it).
          if (here) look.text = null
          cached = { note, editor, editing: here, session: state, zones, phases, results, me, locale, look }
          cache.set(id, cached)
        }
        context.save()
        context.translate(note.x, note.y)
        drawNote(context, cached.look, scale, bounds)
        context.restore()
      }
    },
    [session, culled, ui, presence, identity],
  )

  const sceneFunc = useCallback(
    (konvaContext: Context, self: KonvaShape) => {
      const scale = self.getAbsoluteScale().x
      const drawInto = (context: CanvasRenderingContext2D, bounds: Rect) => drawNotes(context, bounds, scale)
      // While a test records what is drawn, every frame draws (a copied picture records nothing).
      if (drawingRecord.notes || !panCache.current.draw(konvaContext._context, version.current, drawInto))
        drawInto(konvaContext._context, drawBounds)
    },
    [drawNotes],
  )
  return <Shape ref={shape} sceneFunc={sceneFunc} listening={false} perfectDrawEnabled={false} />
}
