import * as Y from 'yjs'
import { BOARD_ROOTS, BoardRoot } from '@shared/board/schema.ts'
import { NOTE_FIELDS, votesProblem, ZONE_FIELDS, type FieldCheck } from '@shared/board/shape.ts'
import { metaValueProblem, sessionValueProblem } from '@shared/board/values.ts'

/**
 * What in a board document breaks the board's schema (shared/board): a root outside it that
 * holds anything, a note or zone that is not a map, a field that is unknown, missing (other than
 * an optional one), of the wrong type or out of its limits, a meta or session value the rules would refuse. The first problem as a
 * sentence, or null. Refused writes leave deleted tombstones, which are not content.
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

function entriesProblem(
  root: Y.Map<unknown>,
  kind: string,
  fields: Readonly<Record<string, FieldCheck>>,
): string | null {
  for (const [id, entry] of root) {
    if (!(entry instanceof Y.Map)) return `${kind} ${id} is not a map`
    // Every declared field, present or not (an absent one is undefined: only the optional ones,
    // such as a note's width, height and zone, may be left out), and every field present.
    for (const field of new Set([...Object.keys(fields), ...entry.keys()])) {
      const check = Object.hasOwn(fields, field) ? fields[field] : undefined
      if (!check) return `${kind} ${id} has an unknown field "${field}"`
      const value = entry.get(field)
      const problem = check(value) ?? (field === 'votes' && value instanceof Y.Map ? votesProblem(value) : null)
      if (problem) return `${kind} ${id}: ${problem}`
    }
  }
  return null
}
