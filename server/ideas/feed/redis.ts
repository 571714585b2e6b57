import { Redis } from 'ioredis'
import type { IdeaChangeEvent } from '@shared/api/idea-events.ts'
import { newId } from '@shared/ids.ts'
import type { Logger } from '../../sync/socket.ts'
import { FeedListeners } from './local.ts'
import type { IdeaFeed, IdeaFeedMessage } from './types.ts'

/** The deployment's idea-change channel (pub/sub: a change is news, the registry is the truth). */
export function ideaChangesChannel(prefix: string): string {
  return `${prefix}ideas:changes`
}

/**
 * The scaled-out feed: a change is delivered here at once and published on a Redis channel
 * for the other processes. Pub/sub loses what is sent while a subscriber is disconnected, so
 * each reconnection tells this process's listeners to resync (they read the registry again).
 */
export class RedisIdeaFeed implements IdeaFeed {
  readonly kind = 'redis' as const
  readonly #nodeId = newId(10)
  readonly #channel: string
  readonly #listeners: FeedListeners
  readonly #publisher: Redis
  readonly #subscriber: Redis
  readonly #log: Logger
  #connectedOnce = false
  #closed = false

  private constructor(url: string, prefix: string, log: Logger) {
    this.#channel = ideaChangesChannel(prefix)
    this.#log = log.child({ feed: 'redis' })
    this.#listeners = new FeedListeners(this.#log)
    const common = {
      lazyConnect: true,
      connectTimeout: 5000,
      retryStrategy: (times: number) => Math.min(times * 100, 2000),
    }
    this.#publisher = new Redis(url, { ...common, enableOfflineQueue: false, maxRetriesPerRequest: 1 })
    this.#subscriber = new Redis(url, { ...common, autoResubscribe: true })
    for (const connection of [this.#publisher, this.#subscriber]) {
      // ioredis reconnects by itself; the relay already logs Redis being away.
      connection.on('error', (error: Error) => this.#log.debug({ err: error }, 'idea feed: Redis connection error'))
    }
    this.#subscriber.on('ready', () => {
      if (this.#connectedOnce) this.#listeners.deliver({ type: 'resync' })
      this.#connectedOnce = true
    })
    this.#subscriber.on('message', (_channel: string, text: string) => this.#receive(text))
  }

  static async connect(url: string, prefix: string, log: Logger): Promise<RedisIdeaFeed> {
    const feed = new RedisIdeaFeed(url, prefix, log)
    try {
      await Promise.all([feed.#publisher.connect(), feed.#subscriber.connect()])
      await feed.#subscriber.subscribe(feed.#channel)
      return feed
    } catch (error) {
      feed.#publisher.disconnect()
      feed.#subscriber.disconnect()
      throw new Error(`Redis (REDIS_URL) is not reachable for the idea feed: ${(error as Error).message}`, {
        cause: error,
      })
    }
  }

  publish(change: IdeaChangeEvent): void {
    this.#listeners.deliver({ type: 'idea', change })
    if (this.#closed) return
    this.#publisher.publish(this.#channel, JSON.stringify({ from: this.#nodeId, change })).catch((error: unknown) => {
      // The other processes' pages miss this change until their next read; logged, not thrown.
      this.#log.warn({ err: error, ideaId: change.id }, 'publishing an idea change failed')
    })
  }

  subscribe(listener: (message: IdeaFeedMessage) => void): () => void {
    return this.#listeners.add(listener)
  }

  #receive(text: string): void {
    let message: { from?: unknown; change?: IdeaChangeEvent }
    try {
      message = JSON.parse(text) as typeof message
    } catch {
      return // not ours: another version's or someone else's message on the channel
    }
    if (message.from === this.#nodeId || typeof message.change?.id !== 'string') return
    this.#listeners.deliver({ type: 'idea', change: message.change })
  }

  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    this.#publisher.disconnect()
    this.#subscriber.disconnect()
  }
}
