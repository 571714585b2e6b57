import type { HistoryActor } from '@shared/api/ideas.ts'
import type { WebhookChange, WebhookEventName, WebhookPayload } from '@shared/api/webhooks.ts'
import { newId } from '@shared/ids.ts'
import type { IdeaChange, StoredIdea } from '../storage/types.ts'

/** One event of a change, before it is addressed to receivers. */
export interface IdeaEvent {
  name: WebhookEventName
  eventId: string
  ideaId: string
  ideaRef: string
  ideaTitle: string
  createdAt: number
  /** The payload, its idea link a path (`/ideas/<id>`) until a delivery renders it. */
  payload: WebhookPayload
}

/** The idea's page in the registry, relative to the public URL. */
export function ideaPath(ideaId: string): string {
  return `/ideas/${encodeURIComponent(ideaId)}`
}

function event(name: WebhookEventName, idea: StoredIdea, at: number, change: WebhookChange): IdeaEvent {
  const eventId = newId(16)
  return {
    name,
    eventId,
    ideaId: idea.id,
    ideaRef: idea.ref,
    ideaTitle: idea.title,
    createdAt: at,
    payload: {
      event: name,
      eventId,
      occurredAt: new Date(at).toISOString(),
      idea: {
        id: idea.id,
        ref: idea.ref,
        title: idea.title,
        status: idea.status,
        department: idea.department,
        tags: idea.tags,
        votes: idea.votes,
        url: ideaPath(idea.id),
        source: { boardId: idea.source.boardId, boardTitle: idea.source.boardTitle, method: idea.source.method },
      },
      change,
    },
  }
}

/** Fields of a hub's change that are announced as `idea.updated` (status and experiment have their own events). */
const FIELD_NAMES: Record<string, string> = {
  title: 'title',
  description: 'description',
  department: 'department',
  tags: 'tags',
  mergedInto: 'merged',
  comment: 'comment',
}

/**
 * The webhook events of one stored change. Pure apart from the event ids. A hub's PATCH that
 * moves the status and edits the experiment is two events; a change that only comments is an
 * `idea.updated` with the field `comment`.
 */
export function ideaEvents(change: IdeaChange): IdeaEvent[] {
  switch (change.kind) {
    case 'promoted': {
      const created = change.idea.history[0]
      const by: HistoryActor = created?.by ?? { role: 'hub' }
      return [event('idea.promoted', change.idea, change.idea.createdAt, { kind: 'promoted', by })]
    }
    case 'linked':
      return [
        event('idea.updated', change.idea, change.idea.updatedAt, { kind: 'fields', fields: ['links'], by: change.by }),
      ]
    case 'updated': {
      const { update, idea, statusBefore } = change
      const by: HistoryActor = update.history[0]?.by ?? { role: 'hub' }
      const events: IdeaEvent[] = []
      if (update.set.status !== undefined && update.set.status !== statusBefore) {
        const comment = update.history.find((entry) => entry.comment !== null)?.comment ?? null
        events.push(
          event('idea.status_changed', idea, update.at, {
            kind: 'status',
            from: statusBefore,
            to: update.set.status,
            comment,
            by,
          }),
        )
      }
      if (update.set.experiment !== undefined) {
        events.push(
          event('experiment.updated', idea, update.at, { kind: 'experiment', experiment: idea.experiment, by }),
        )
      }
      const fields = new Set<string>()
      for (const entry of update.history) {
        const name = FIELD_NAMES[entry.field]
        // A merge is announced by its status change; its mergedInto entry says nothing more.
        if (name === 'merged' && update.set.status !== undefined) continue
        if (name) fields.add(name)
      }
      if (fields.size > 0) {
        events.push(event('idea.updated', idea, update.at, { kind: 'fields', fields: [...fields], by }))
      }
      return events
    }
  }
}
