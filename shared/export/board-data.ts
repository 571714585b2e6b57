import type * as Y from 'yjs'
import type { BoardExportJson, ExportNote, ExportZone } from '../api/exports.ts'
import { listNotes, listZones, readMeta, totalVotes } from '../board/index.ts'
import type { NoteData, ZoneData } from '../board/schema.ts'
import { isIdeaStatus, type IdeaStatus } from '../ideas/workflow.ts'
import { findTemplate } from '../templates/index.ts'

/** The registry's view of a promoted note's idea; the board's own badge is the fallback. */
export type IdeaLookup = (ideaId: string) => { id: string; ref: string; status: IdeaStatus } | null

/**
 * Zones in reading order: those of the board's template in the template's order, then the
 * others top to bottom, left to right.
 */
export function orderZones(zones: readonly ZoneData[], templateId: string): ZoneData[] {
  const templateKeys = findTemplate(templateId)?.zones.map((zone) => zone.key) ?? []
  const rank = (zone: ZoneData) => {
    const index = templateKeys.indexOf(zone.id)
    return index === -1 ? templateKeys.length : index
  }
  return [...zones].sort((a, b) => rank(a) - rank(b) || a.y - b.y || a.x - b.x || a.id.localeCompare(b.id))
}

/** Most votes first; equal votes oldest first. */
function byVotes(a: NoteData, b: NoteData): number {
  return totalVotes(b) - totalVotes(a) || a.createdAt - b.createdAt || a.id.localeCompare(b.id)
}

function badgeOf(note: NoteData, lookup: IdeaLookup): ExportNote['idea'] {
  if (!note.ideaId) return null
  const known = lookup(note.ideaId)
  if (known) return known
  if (note.ideaRef && isIdeaStatus(note.ideaStatus))
    return { id: note.ideaId, ref: note.ideaRef, status: note.ideaStatus }
  return null
}

/**
 * A board document as the plain data every export format is made from: zones in reading
 * order, notes zone by zone (notes outside any zone last), most votes first. Empty notes
 * are left out.
 */
export function boardExportData(
  doc: Y.Doc,
  { boardId, exportedAt, lookup = () => null }: { boardId: string; exportedAt: number; lookup?: IdeaLookup },
): BoardExportJson {
  const meta = readMeta(doc)
  const zones = orderZones(listZones(doc), meta.template)
  const zoneById = new Map<string, ExportZone>(
    zones.map((zone) => [zone.id, { id: zone.id, title: zone.title, kind: zone.kind }]),
  )
  const groups = new Map<string | null, NoteData[]>([
    ...zones.map((zone): [string, NoteData[]] => [zone.id, []]),
    [null, []],
  ])
  for (const note of listNotes(doc)) {
    // A note nobody wrote in (left empty, or emptied) is not an idea: no empty rows in the minutes.
    if (note.text.trim() === '') continue
    const key = note.zone !== null && zoneById.has(note.zone) ? note.zone : null
    groups.get(key)?.push(note)
  }
  const notes: ExportNote[] = []
  for (const [zoneId, members] of groups) {
    for (const note of members.sort(byVotes)) {
      notes.push({
        id: note.id,
        text: note.text,
        zone: zoneId === null ? null : (zoneById.get(zoneId) ?? null),
        color: note.color,
        votes: totalVotes(note),
        authorName: note.authorName,
        createdAt: note.createdAt,
        idea: badgeOf(note, lookup),
      })
    }
  }
  return {
    board: { id: boardId, title: meta.title, method: meta.template, createdAt: meta.createdAt },
    exportedAt,
    zones: [...zoneById.values()],
    notes,
  }
}
