import { voteTotalsVisible } from '@shared/facilitation/index.ts'
import type { BoardContextValue } from '../../board-context.ts'
import { zonePrompt, zoneTitle } from '../../../facilitation/phase-text.ts'
import type { Locale } from '../../../i18n/index.ts'
import { boundsOf, expand, type Rect } from '../../view/geometry.ts'
import type { NoteLook } from '../draw-note.ts'
import type { ZoneLook } from '../draw-zone.ts'
import { lookOf } from '../note-look.ts'
import { PICTURE_MARGIN } from './picture-size.ts'

/** The board as a picture shows it: what this user sees, without the editing chrome. */
export interface PictureScene {
  title: string
  zones: (ZoneLook & { id: string })[]
  notes: NoteLook[]
  /** Every note and zone, with a margin; null for an empty board. */
  bounds: Rect | null
}

/**
 * A snapshot of the board for an export, in a language: zone titles and prompts (a
 * template's in that language unless the facilitator changed them), each note as this user
 * sees it (face down in silent mode; the place and dots of a closed vote; idea badges), and
 * none of what only the live board shows — open / closed labels, selection, handles,
 * cursors, who is editing, one's own dots in an open round.
 */
export function pictureScene(board: BoardContextValue, locale: Locale): PictureScene {
  const { session } = board
  const meta = session.stores.meta.get()
  const state = session.stores.session.get()
  const results = session.votes.results.get()
  const zones = session.stores.zones.get().map((zone) => ({
    id: zone.id,
    x: zone.x,
    y: zone.y,
    width: zone.width,
    height: zone.height,
    color: zone.color,
    title: zoneTitle(zone, meta, locale).text,
    prompt: zonePrompt(zone, meta, locale).text,
  }))
  const context = {
    faceDown: (note: Parameters<typeof session.rules.visibility>[0]) =>
      state.silent && session.rules.visibility(note) === 'face-down',
    voting: !voteTotalsVisible(state),
    result: (id: string) => results.get(id),
    me: null,
    locale,
  }
  const notes = session.stores.notes.order
    .get()
    .map((id) => session.stores.notes.get(id))
    .filter((note) => note !== undefined)
    .map((note) => lookOf(note, context))
  const content = boundsOf([...zones, ...notes])
  return { title: meta.title, zones, notes, bounds: content ? expand(content, PICTURE_MARGIN) : null }
}
