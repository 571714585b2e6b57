import { Type, type Static } from '@sinclair/typebox'
import { IdeaStatus } from './ideas.ts'

/**
 * GET /api/ideas/events: a Server-Sent Events stream of registry changes, for pages that show
 * ideas live (the hub board). `idea` events name the idea and its status after the change;
 * a `resync` event says changes may have been missed (the server lost its cross-process
 * feed for a moment): read again what is shown.
 */
export const IdeaChangeEvent = Type.Object({
  id: Type.String(),
  ref: Type.String(),
  status: IdeaStatus,
  /** created: promoted; updated: anything else (status, fields, links, merges). */
  kind: Type.Union([Type.Literal('created'), Type.Literal('updated')]),
  updatedAt: Type.Number(),
})
export type IdeaChangeEvent = Static<typeof IdeaChangeEvent>

export const IDEA_EVENT = 'idea'
export const RESYNC_EVENT = 'resync'
