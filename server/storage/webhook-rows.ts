import { newId } from '@shared/ids.ts'
import { ideaEvents } from '../webhooks/events.ts'
import type { DeliveryRow, IdeaChange, OutboxDelivery } from './types.ts'

/** Row mapping shared by the SQLite and PostgreSQL webhook outboxes. */

/** A webhook_deliveries row as either backend returns it (PostgreSQL's BIGINT as strings). */
export type OutboxRecord = Record<string, unknown>

interface Row {
  id: string
  event: string
  event_id: string
  receiver: string
  idea_id: string
  idea_ref: string
  idea_title: string
  payload: string
  state: DeliveryRow['state']
  attempts: number
  created_at: number
  expires_at: number
  next_attempt_at: number | null
  delivered_at: number | null
  last_status: number | null
  last_error: string | null
}

export function toClaimed(record: OutboxRecord): OutboxDelivery {
  const row = record as unknown as Row
  return {
    id: row.id,
    event: row.event,
    eventId: row.event_id,
    receiver: row.receiver,
    payload: row.payload,
    attempts: Number(row.attempts),
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
  }
}

export function toDeliveryRow(row: OutboxRecord): DeliveryRow {
  const numberOrNull = (value: unknown) => (value === null || value === undefined ? null : Number(value))
  return {
    id: String(row['id']),
    event: String(row['event']),
    eventId: String(row['event_id']),
    receiver: String(row['receiver']),
    ideaId: String(row['idea_id']),
    ideaRef: String(row['idea_ref']),
    ideaTitle: String(row['idea_title']),
    state: row['state'] as DeliveryRow['state'],
    attempts: Number(row['attempts']),
    createdAt: Number(row['created_at']),
    nextAttemptAt: row['state'] === 'pending' ? numberOrNull(row['next_attempt_at']) : null,
    deliveredAt: numberOrNull(row['delivered_at']),
    lastStatus: numberOrNull(row['last_status']),
    lastError: typeof row['last_error'] === 'string' ? row['last_error'] : null,
  }
}

/** The rows a change writes: one per event and receiver, due at once. */
export function outboxRows(change: IdeaChange, receivers: readonly string[], maxAgeMs: number) {
  if (receivers.length === 0) return []
  return ideaEvents(change).flatMap((event) =>
    receivers.map((receiver) => ({
      id: newId(20),
      event: event.name,
      eventId: event.eventId,
      receiver,
      ideaId: event.ideaId,
      ideaRef: event.ideaRef,
      ideaTitle: event.ideaTitle,
      payload: JSON.stringify(event.payload),
      createdAt: event.createdAt,
      expiresAt: event.createdAt + maxAgeMs,
    })),
  )
}
