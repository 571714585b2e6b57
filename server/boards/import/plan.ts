import type * as Y from 'yjs'
import { IMPORT_COLORS, type ImportedNote } from '@shared/api/import.ts'
import { layoutImportedNotes } from '@shared/board/import-layout.ts'
import { readMeta } from '@shared/board/meta.ts'
import { listNotes } from '@shared/board/notes.ts'
import { readPhases } from '@shared/board/phases.ts'
import type { ZoneData } from '@shared/board/schema.ts'
import { readSession } from '@shared/board/session.ts'
import { listZones } from '@shared/board/zones.ts'
import { orderZones } from '@shared/export/board-data.ts'
import { currentPhase, isZoneOpen } from '@shared/facilitation/phases.ts'
import { httpErrors } from '../../errors.ts'
import type { ImportRow } from './parse.ts'

/** The author of imported notes, as the board records them (a participant id of its own). */
export const IMPORT_AUTHOR_ID = 'import'
export const IMPORT_AUTHOR_NAME = 'Import'
const DEFAULT_COLOR = IMPORT_COLORS['yellow'] ?? '#fde68a'

/** A zone named by its id or its title (case and surrounding spaces ignored). */
function findZone(zones: readonly ZoneData[], name: string, where: string): ZoneData {
  const wanted = name.trim().toLowerCase()
  const zone =
    zones.find((candidate) => candidate.id === name.trim()) ??
    zones.find((candidate) => candidate.title.trim().toLowerCase() === wanted)
  if (zone) return zone
  const known = zones.map((candidate) => `"${candidate.title}"`).join(', ')
  throw httpErrors.badRequest(
    zones.length === 0
      ? `${where}: unknown zone "${name.slice(0, 60)}" (this board has no zones)`
      : `${where}: unknown zone "${name.slice(0, 60)}" (this board's zones: ${known})`,
  )
}

/** The zone notes go to when the file and the request name none: the first zone open in this phase. */
function defaultZone(doc: Y.Doc, zones: readonly ZoneData[]): ZoneData | null {
  const ordered = orderZones(zones, readMeta(doc).template)
  const phase = currentPhase(readPhases(doc), readSession(doc))
  return ordered.find((zone) => isZoneOpen(phase, zone.id)) ?? ordered[0] ?? null
}

/**
 * The notes an import creates, placed: each row's zone (the row's, else the request's, else
 * the first open one), colour and author, laid out zone by zone without overlaps. Refuses the
 * whole file (400) when any row names an unknown zone: nothing is imported partly.
 */
export function planImport(doc: Y.Doc, rows: readonly ImportRow[], zoneName: string | undefined): ImportedNote[] {
  if (rows.length === 0) throw httpErrors.badRequest('The file has no notes (every line is empty).')
  const zones = listZones(doc)
  const requested = zoneName !== undefined ? findZone(zones, zoneName, 'querystring/zone') : null
  const fallback = requested ?? defaultZone(doc, zones)
  const zoneOf = rows.map((row) => (row.zone !== null ? findZone(zones, row.zone, `line ${row.line}`) : fallback))

  const occupied = listNotes(doc).map(({ x, y, width, height }) => ({ x, y, width, height }))
  const planned: ImportedNote[] = new Array<ImportedNote>(rows.length)
  // One layout per zone, in the order zones first appear, each seeing the notes placed before.
  const groups = new Map<string | null, number[]>()
  zoneOf.forEach((zone, index) => {
    const key = zone?.id ?? null
    groups.set(key, [...(groups.get(key) ?? []), index])
  })
  for (const [zoneId, indexes] of groups) {
    const zone = zoneId === null ? null : (zones.find((candidate) => candidate.id === zoneId) ?? null)
    const places = layoutImportedNotes({ zone, zones, occupied, count: indexes.length })
    indexes.forEach((rowIndex, placeIndex) => {
      const row = rows[rowIndex] as ImportRow
      const place = places[placeIndex]
      if (!place) throw new Error('the layout placed fewer notes than asked')
      occupied.push(place)
      planned[rowIndex] = {
        id: null,
        text: row.text,
        // Below a full zone the note is outside it, and so in no zone.
        zone: place.inZone ? (zone?.id ?? null) : null,
        zoneTitle: zone?.title ?? null,
        color: row.color ?? DEFAULT_COLOR,
        author: row.author ?? IMPORT_AUTHOR_NAME,
        x: place.x,
        y: place.y,
        width: place.width,
        height: place.height,
        inZone: place.inZone,
      }
    })
  }
  return planned
}
