import type { IdeaChangeEvent } from '@shared/api/idea-events.ts'
import type { Logger } from '../../sync/socket.ts'
import type { IdeaFeedMessage } from './types.ts'

/** Listeners of one process; the single-process feed, and the local half of the Redis one. */
export class FeedListeners {
  readonly #listeners = new Set<(message: IdeaFeedMessage) => void>()
  readonly #log: Logger

  constructor(log: Logger) {
    this.#log = log
  }

  get size(): number {
    return this.#listeners.size
  }

  add(listener: (message: IdeaFeedMessage) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  deliver(message: IdeaFeedMessage): void {
    for (const listener of this.#listeners) {
      try {
        listener(message)
      } catch (error) {
        // One broken stream must not keep the change from the others.
        this.#log.warn({ err: error }, 'an idea feed listener failed')
      }
    }
  }
}

/** The single-process feed: a change reaches this process's listeners at once. */
export function createLocalIdeaFeed(log: Logger) {
  const listeners = new FeedListeners(log)
  return {
    kind: 'local' as const,
    publish: (change: IdeaChangeEvent) => listeners.deliver({ type: 'idea', change }),
    subscribe: (listener: (message: IdeaFeedMessage) => void) => listeners.add(listener),
    async close() {},
  }
}
