import type { HistoryActor, HistoryEntry, HistoryField, HistoryValue, IdeaDetail } from '@shared/api/ideas.ts'
import { EXPERIMENT_FIELDS, type ExperimentField } from '@shared/ideas/fields.ts'
import { isIdeaStatus, type IdeaStatus } from '@shared/ideas/workflow.ts'

/** The idea's history as a timeline: one item per request (its entries share `at` and `by`). */
export interface TimelineItem {
  at: number
  by: HistoryActor
  changes: Array<{ field: HistoryField; from: HistoryValue; to: HistoryValue }>
  comment: string | null
}

function sameActor(a: HistoryActor, b: HistoryActor): boolean {
  if (a.role !== b.role) return false
  return a.role === 'hub' || (b.role === 'facilitator' && a.boardId === b.boardId)
}

/** Oldest first; a remark without a change is an item with no changes. */
export function timelineOf(history: readonly HistoryEntry[]): TimelineItem[] {
  const items: TimelineItem[] = []
  for (const entry of history) {
    const last = items[items.length - 1]
    const item =
      last && last.at === entry.at && sameActor(last.by, entry.by)
        ? last
        : (items[items.push({ at: entry.at, by: entry.by, changes: [], comment: null }) - 1] as TimelineItem)
    if (entry.field !== 'comment') item.changes.push({ field: entry.field, from: entry.from, to: entry.to })
    if (entry.comment) item.comment = item.comment ? `${item.comment}\n${entry.comment}` : entry.comment
  }
  return items
}

/** The status an item moved the idea to, if it did (for the timeline's marker). */
export function statusMoveOf(item: TimelineItem): { from: IdeaStatus | null; to: IdeaStatus } | null {
  for (const change of item.changes) {
    if (
      (change.field === 'status' || change.field === 'created') &&
      typeof change.to === 'string' &&
      isIdeaStatus(change.to)
    ) {
      return { from: typeof change.from === 'string' && isIdeaStatus(change.from) ? change.from : null, to: change.to }
    }
  }
  return null
}

/** Ids of other ideas the history names (merge pointers) → their refs, from the detail's `related`. */
export function relatedRefs(idea: Pick<IdeaDetail, 'related'>): Map<string, { ref: string; title: string }> {
  const refs = new Map<string, { ref: string; title: string }>()
  const { mergedInto, mergedFrom } = idea.related
  if (mergedInto) refs.set(mergedInto.id, { ref: mergedInto.ref, title: mergedInto.title })
  for (const link of mergedFrom) refs.set(link.id, { ref: link.ref, title: link.title })
  return refs
}

/** `experiment.metric` → `metric`; null for the other fields. */
export function experimentFieldOf(field: HistoryField): ExperimentField | null {
  const name = field.startsWith('experiment.') ? field.slice('experiment.'.length) : ''
  return EXPERIMENT_FIELDS.find((candidate) => candidate === name) ?? null
}
