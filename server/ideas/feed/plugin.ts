import fp from 'fastify-plugin'
import { createLocalIdeaFeed } from './local.ts'
import { RedisIdeaFeed } from './redis.ts'
import type { IdeaFeed } from './types.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** Registry changes as they happen, in every process (feed/types.ts). */
    ideaFeed: IdeaFeed
  }
}

/** The idea feed: over Redis when REDIS_URL is set (a cluster), else within this process. */
export const ideaFeedPlugin = fp(
  async (app) => {
    const { REDIS_URL, REDIS_KEY_PREFIX } = app.config
    const feed: IdeaFeed = REDIS_URL
      ? await RedisIdeaFeed.connect(REDIS_URL, REDIS_KEY_PREFIX, app.log)
      : createLocalIdeaFeed(app.log)
    app.decorate('ideaFeed', feed)
    app.addHook('onClose', async () => {
      await feed.close()
    })
  },
  { name: 'idea-feed', dependencies: ['config'] },
)
