import * as Y from 'yjs'
import { votesProblem, type FieldCheck } from '@shared/board/shape.ts'
import type { EntryChange } from './transaction-changes.ts'

/**
 * What is wrong with a note or zone after a write, judged against its shape
 * (shared/board/shape.ts): every field of a new or replaced one, only the changed fields of
 * an existing one (a field stored before a limit existed does not block edits of the others).
 * `raw` is the entry's value, undefined when the write deleted it.
 */
export function entryProblem(
  kind: 'note' | 'zone',
  raw: unknown,
  change: EntryChange,
  fields: Readonly<Record<string, FieldCheck>>,
): string | null {
  if (raw === undefined) return null
  if (!(raw instanceof Y.Map) || raw.constructor !== Y.Map) return `a ${kind} must be a map`
  const map = raw as Y.Map<unknown>
  const keys = new Set(change.replaced ? [...Object.keys(fields), ...map.keys()] : change.fields)
  if (change.text) keys.add('text')
  for (const key of keys) {
    const check = Object.hasOwn(fields, key) ? fields[key] : undefined
    const problem = check ? check(map.get(key)) : `unknown ${kind} field "${key}"`
    if (problem) return problem
  }
  const votes = map.get('votes')
  return (change.votes || keys.has('votes')) && votes instanceof Y.Map ? votesProblem(votes) : null
}
