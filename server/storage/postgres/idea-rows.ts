import type { HistoryEntry } from '@shared/api/ideas.ts'
import { storedIdeaStatus } from '@shared/ideas/workflow.ts'
import type { StoredIdea, StoredIdeaWithHistory } from '../types.ts'

/** An idea row as pg returns it: JSONB parsed, BIGINT milliseconds as strings. */
export interface IdeaRow {
  id: string
  ref: string
  title: string
  description: string
  status: string
  department: string | null
  tags: string[]
  votes: number
  source: StoredIdea['source']
  links: StoredIdea['links']
  experiment: StoredIdea['experiment']
  merged_into: string | null
  version: number
  created_at: string
  updated_at: string
}

export type IdeaRowWithHistory = IdeaRow & { history: HistoryEntry[] }

export const IDEA_COLUMNS =
  'i.id, i.ref, i.title, i.description, i.status, i.department, i.tags, i.votes, i.source, i.links, i.experiment, i.merged_into, i.version, i.created_at, i.updated_at'

/** History rows `h` aggregated into one JSON array, oldest first. */
export const HISTORY_AGGREGATE = `jsonb_agg(jsonb_build_object(
    'at', h.at, 'by', h.actor, 'field', h.field, 'from', h.from_value, 'to', h.to_value, 'comment', h.comment
  ) ORDER BY h.seq)`

/**
 * The idea's history as one JSON array, read in the same statement as the idea (one
 * statement sees one snapshot: never an idea with part of a concurrent change's history).
 */
export const HISTORY_COLUMN = `(SELECT coalesce(${HISTORY_AGGREGATE}, '[]'::jsonb) FROM idea_history h WHERE h.idea_id = i.id) AS history`

export function toIdea(row: IdeaRow): StoredIdea {
  return {
    id: row.id,
    ref: row.ref,
    title: row.title,
    description: row.description,
    status: storedIdeaStatus(row.status),
    department: row.department,
    tags: row.tags,
    votes: row.votes,
    source: row.source,
    links: row.links,
    experiment: row.experiment,
    mergedInto: row.merged_into,
    version: row.version,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  }
}

export function toIdeaWithHistory(row: IdeaRowWithHistory): StoredIdeaWithHistory {
  return { ...toIdea(row), history: row.history }
}

/** A JSONB parameter: pg would send a JS array as a PostgreSQL array, so JSON is sent as text. */
export function jsonParam(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value)
}
