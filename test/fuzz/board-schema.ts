import * as Y from 'yjs'
import { BOARD_ROOTS, BoardRoot } from '@shared/board/schema.ts'
import { NOTE_FIELDS, ZONE_FIELDS, type FieldCheck } from '@shared/board/shape.ts'
import { metaValueProblem, sessionValueProblem } from '@shared/board/values.ts'
import { entryProblem } from '../../server/boards/rules/entry-shape.ts'
import type { EntryChange } from '../../server/boards/rules/transaction-changes.ts'

/**
 * What in a board document breaks the board's schema (shared/board): a root outside it that
 * holds anything, a note or zone that is not a map, a field that is unknown, missing (other
 * than an optional one), of the wrong type or out of its limits, a meta or session value the
 * rules would refuse. The first problem as a sentence, or null. Refused writes leave deleted
 * tombstones, which are not content.
 */
export function boardSchemaProblem(doc: Y.Doc): string | null {
  for (const [name, type] of doc.share) {
    if (!BOARD_ROOTS.includes(name) && holdsContent(type)) return `the root "${name}" is outside the schema`
  }
  const values: Array<[string, (key: string, value: unknown) => string | null]> = [
    [BoardRoot.Meta, metaValueProblem],
    [BoardRoot.Session, sessionValueProblem],
  ]
  for (const [root, problemOf] of values) {
    for (const [key, value] of doc.getMap(root)) {
      const problem = problemOf(key, value)
      if (problem) return `${root}.${key}: ${problem}`
    }
  }
  return (
    entriesProblem(doc.getMap(BoardRoot.Notes), 'note', NOTE_FIELDS) ??
    entriesProblem(doc.getMap(BoardRoot.Zones), 'zone', ZONE_FIELDS)
  )
}

function holdsContent(type: { _map: Map<string, Y.Item>; _start: Y.Item | null }): boolean {
  for (const item of type._map.values()) if (!item.deleted) return true
  for (let item = type._start; item !== null; item = item.right) if (!item.deleted) return true
  return false
}

/** Judged as a new entry is: every declared field, present or not, and every field present. */
const WHOLE_ENTRY: EntryChange = { replaced: true, fields: new Set(), text: false, votes: false }

/**
 * The first note or zone that breaks its shape, judged by the server's own entry check
 * (server/boards/rules/entry-shape.ts): an unknown field, a missing one (only the optional
 * ones, such as a note's width, height and zone, may be left out), a wrong type or value.
 */
function entriesProblem(
  root: Y.Map<unknown>,
  kind: 'note' | 'zone',
  fields: Readonly<Record<string, FieldCheck>>,
): string | null {
  for (const [id, entry] of root) {
    if (!(entry instanceof Y.Map)) return `${kind} ${id} is not a map`
    const problem = entryProblem(kind, entry, WHOLE_ENTRY, fields)
    if (problem) return `${kind} ${id}: ${problem}`
  }
  return null
}
