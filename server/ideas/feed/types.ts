import type { IdeaChangeEvent } from '@shared/api/idea-events.ts'

/** What a listener of the idea feed hears: a change, or "you may have missed changes". */
export type IdeaFeedMessage = { type: 'idea'; change: IdeaChangeEvent } | { type: 'resync' }

/**
 * Registry changes as they happen, in every process of a deployment: the routes publish each
 * change they store, and the live pages' streams (events.ts) listen. Best effort by design:
 * a listener that may have missed something is told to resync, and reads the registry again.
 */
export interface IdeaFeed {
  readonly kind: 'local' | 'redis'
  publish(change: IdeaChangeEvent): void
  /** Returns the unsubscribe function. */
  subscribe(listener: (message: IdeaFeedMessage) => void): () => void
  close(): Promise<void>
}
