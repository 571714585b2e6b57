import { NOTE_DEFAULT_SIZE, zoneAt, type ZoneData } from '@shared/board/index.ts'
import { currentPhase, openZoneIds } from '@shared/facilitation/index.ts'
import { PERMISSIONS } from '@shared/roles.ts'
import type { BoardSession } from '../data/board-session.ts'
import type { RefusalCode } from '../data/note-rules.ts'
import { containsRect, type Rect, type Size } from '../view/geometry.ts'
import { ZONE_PADDING, ZONE_PROMPT_FONT, ZONE_TITLE_HEIGHT } from '../view/layout.ts'
import { centerOn, type ViewportStore } from '../view/viewport.ts'
import { findFreeSpot, targetZone } from './free-spot.ts'

export const NEW_NOTE_SIZE: Size = { width: NOTE_DEFAULT_SIZE, height: NOTE_DEFAULT_SIZE }

/** An average character's width at font size 1 (a generous estimate: the prompt gets room). */
const CHAR_WIDTH_EM = 0.5
const PROMPT_LINE_HEIGHT = 1.2

/**
 * Where notes made without a pointer go ("+ Note", N, paste): a free place in a zone open in
 * this phase — the one in view, else the first — never on top of other notes when there is
 * room, never in a closed zone. Says why no note can be made at all (locked, voting, no zone
 * open to this participant).
 */
export class NotePlacer {
  readonly #session: BoardSession
  readonly #viewport: ViewportStore

  constructor(session: BoardSession, viewport: ViewportStore) {
    this.#session = session
    this.#viewport = viewport
  }

  /**
   * The zones new notes may go into: 'anywhere' when the phase does not restrict writing
   * (and for facilitators when no zone is open: the rules do not bind them), else the open
   * zones, possibly none.
   */
  writableZones(): 'anywhere' | readonly ZoneData[] {
    const { stores, role } = this.#session
    const open = openZoneIds(currentPhase(stores.phases.get(), stores.session.get()))
    if (open === 'all') return 'anywhere'
    const zones = stores.zones.get().filter((zone) => open.has(zone.id))
    if (zones.length === 0 && PERMISSIONS[role].controlSession) return 'anywhere'
    return zones
  }

  /** Why this user cannot add notes now, or null when they can. */
  blocked(): RefusalCode | null {
    const { role, stores } = this.#session
    if (!PERMISSIONS[role].writeContent) return 'read-only'
    if (!this.#session.capabilities.get().editNotes) return stores.session.get().locked ? 'locked' : 'voting'
    const writable = this.writableZones()
    return writable !== 'anywhere' && writable.length === 0 ? 'no-open-zone' : null
  }

  /** The zone new notes go to now (null: anywhere near the view's centre). */
  target(): ZoneData | null {
    const writable = this.writableZones()
    return writable === 'anywhere' ? null : targetZone(writable, this.#viewport.visibleRect())
  }

  /**
   * Rectangles for new notes of these sizes, each at a free place (the ones before it in the
   * list count as taken), all in the target zone.
   */
  plan(sizes: readonly Size[]): Rect[] {
    const target = this.target()
    const occupied: Rect[] = [...this.#session.stores.notes.values()]
    const zones = this.#session.stores.zones.get()
    const view = this.#viewport.visibleRect()
    const zoneTop = target ? promptRoom(target) : 0
    const planned: Rect[] = []
    for (const size of sizes) {
      const spot = findFreeSpot({ size, zones, target, occupied, view, zoneTop })
      const rect = { ...spot, ...size }
      planned.push(rect)
      occupied.push(rect)
    }
    return planned
  }

  /**
   * Rectangles for a copied group that keep its layout, placed as one block at a free place in
   * the target zone; null when the group does not fit in that zone as it is.
   */
  planGroup(notes: readonly (Size & { dx: number; dy: number })[]): Rect[] | null {
    const size = {
      width: Math.max(0, ...notes.map((note) => note.dx + note.width)),
      height: Math.max(0, ...notes.map((note) => note.dy + note.height)),
    }
    const [block] = this.plan([size])
    if (!block) return null
    const rects = notes.map((note) => ({
      x: block.x + note.dx,
      y: block.y + note.dy,
      width: note.width,
      height: note.height,
    }))
    const target = this.target()
    if (!target) return rects
    const zones = this.#session.stores.zones.get()
    const inTarget = (rect: Rect) => zoneAt(zones, rect.x + rect.width / 2, rect.y + rect.height / 2)?.id === target.id
    return rects.every(inTarget) ? rects : null
  }

  /** Moves the view (same zoom) so that the rectangle shows, when it does not yet. */
  reveal(rect: Rect): void {
    if (containsRect(this.#viewport.visibleRect(), rect)) return
    const centre = { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 }
    this.#viewport.set(centerOn(this.#viewport.get(), centre, this.#viewport.size.get()))
  }
}

/** Room for a zone's title bar and its prompt (estimated: wrapping is the renderer's). */
function promptRoom(zone: ZoneData): number {
  if (!zone.prompt) return ZONE_TITLE_HEIGHT
  const perLine = Math.max(1, Math.floor((zone.width - 2 * ZONE_PADDING) / (ZONE_PROMPT_FONT * CHAR_WIDTH_EM)))
  const lines = Math.ceil(zone.prompt.length / perLine)
  return ZONE_TITLE_HEIGHT + Math.ceil(lines * ZONE_PROMPT_FONT * PROMPT_LINE_HEIGHT) + ZONE_PADDING
}
