import * as Y from 'yjs'
import { newId } from '../ids.ts'
import { boardRoots } from './roots.ts'
import type { ZoneData } from './schema.ts'
import { asNumber, asString } from './coerce.ts'

export type NewZone = Omit<ZoneData, 'id'> & { id?: string }
export type ZonePatch = Partial<Omit<ZoneData, 'id'>>

export function readZone(id: string, map: Y.Map<unknown>): ZoneData {
  return {
    id,
    title: asString(map.get('title')),
    kind: asString(map.get('kind'), 'frame'),
    x: asNumber(map.get('x')),
    y: asNumber(map.get('y')),
    width: Math.max(1, asNumber(map.get('width'), 400)),
    height: Math.max(1, asNumber(map.get('height'), 300)),
    color: asString(map.get('color'), '#f4f4f5'),
    prompt: asString(map.get('prompt')),
  }
}

export function listZones(doc: Y.Doc): ZoneData[] {
  const zones: ZoneData[] = []
  boardRoots(doc).zones.forEach((map, id) => {
    if (map instanceof Y.Map) zones.push(readZone(id, map))
  })
  return zones
}

export function createZone(doc: Y.Doc, zone: NewZone, origin?: unknown): string {
  const { id = newId(), ...fields } = zone
  const map = new Y.Map<unknown>()
  for (const [key, value] of Object.entries(fields)) map.set(key, value)
  doc.transact(() => boardRoots(doc).zones.set(id, map), origin)
  return id
}

export function updateZone(doc: Y.Doc, id: string, patch: ZonePatch, origin?: unknown): void {
  const map = boardRoots(doc).zones.get(id)
  if (!(map instanceof Y.Map)) return
  doc.transact(() => {
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined) map.set(key, value)
    }
  }, origin)
}

export function deleteZone(doc: Y.Doc, id: string, origin?: unknown): void {
  doc.transact(() => boardRoots(doc).zones.delete(id), origin)
}

/** The zone whose rectangle contains the point; the smallest one when zones nest. */
export function zoneAt(zones: readonly ZoneData[], x: number, y: number): ZoneData | null {
  let best: ZoneData | null = null
  for (const zone of zones) {
    const inside = x >= zone.x && x <= zone.x + zone.width && y >= zone.y && y <= zone.y + zone.height
    if (inside && (!best || zone.width * zone.height < best.width * best.height)) best = zone
  }
  return best
}

/** One zone by id, or null when there is none. */
export function getZone(doc: Y.Doc, id: string): ZoneData | null {
  const map = boardRoots(doc).zones.get(id)
  return map instanceof Y.Map ? readZone(id, map) : null
}
