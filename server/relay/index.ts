import type { EnvConfig } from '../config.ts'
import type { Logger } from '../sync/socket.ts'
import { createNoRelay } from './none.ts'
import { RedisRelay } from './redis/index.ts'
import type { Relay } from './types.ts'

export type { Relay } from './types.ts'

/** Chooses the relay from the configuration: Redis when REDIS_URL is set, else none. */
export async function createRelay(
  config: Pick<EnvConfig, 'REDIS_URL' | 'REDIS_KEY_PREFIX' | 'REDIS_STREAM_MAXLEN'>,
  log: Logger,
): Promise<Relay> {
  if (config.REDIS_URL) {
    return RedisRelay.connect({
      url: config.REDIS_URL,
      keyPrefix: config.REDIS_KEY_PREFIX,
      streamMaxLen: config.REDIS_STREAM_MAXLEN,
      log,
    })
  }
  return createNoRelay()
}
