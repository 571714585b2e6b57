import type { NoteData, ZoneData } from '@shared/board/index.ts'
import { contains, type Point } from './geometry.ts'
import { HANDLE_SCREEN_PX } from './layout.ts'
import { zoneTitleAt } from './level-of-detail.ts'

/** What lies under the pointer, most specific first. */
export type Hit =
  | { kind: 'note-resize'; id: string }
  | { kind: 'note'; id: string }
  | { kind: 'zone-resize'; id: string }
  | { kind: 'zone-title'; id: string }
  | { kind: 'zone'; id: string }
  | { kind: 'empty' }

export interface HitScene {
  /** Candidate notes in paint order (last is on top). */
  notes: readonly NoteData[]
  zones: readonly ZoneData[]
  selected: ReadonlySet<string>
  scale: number
  /** Whether zone handles (title drag, resize) exist for this user. */
  zoneHandles: boolean
  /** Whether note resize handles exist for this user. */
  noteHandles: boolean
}

function inHandle(point: Point, rect: { x: number; y: number; width: number; height: number }, size: number): boolean {
  const right = rect.x + rect.width
  const bottom = rect.y + rect.height
  return (
    point.x >= right - size && point.x <= right + size / 2 && point.y >= bottom - size && point.y <= bottom + size / 2
  )
}

/**
 * The canvas draws with listening(false) everywhere, so no Konva hit canvas is ever drawn;
 * this pure function answers "what is under the pointer" from the data instead.
 */
export function hitTest(point: Point, scene: HitScene): Hit {
  const handle = HANDLE_SCREEN_PX / scene.scale
  if (scene.noteHandles) {
    for (let i = scene.notes.length - 1; i >= 0; i--) {
      const note = scene.notes[i] as NoteData
      if (scene.selected.has(note.id) && inHandle(point, note, handle)) return { kind: 'note-resize', id: note.id }
    }
  }
  for (let i = scene.notes.length - 1; i >= 0; i--) {
    const note = scene.notes[i] as NoteData
    if (contains(note, point)) return { kind: 'note', id: note.id }
  }
  // Smaller zones lie on top of larger ones.
  const zones = [...scene.zones].sort((a, b) => a.width * a.height - b.width * b.height)
  for (const zone of zones) {
    if (scene.zoneHandles && inHandle(point, zone, handle * 1.5)) return { kind: 'zone-resize', id: zone.id }
    if (!contains(zone, point)) continue
    // The title band grows when zoomed out, as the title drawn in it does.
    if (point.y <= zone.y + zoneTitleAt(zone.height, scene.scale).band) return { kind: 'zone-title', id: zone.id }
    return { kind: 'zone', id: zone.id }
  }
  return { kind: 'empty' }
}
