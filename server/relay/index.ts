import type { EnvConfig } from '../config.ts'
import { createNoRelay } from './none.ts'
import type { Relay } from './types.ts'

export type { Relay } from './types.ts'

export async function createRelay(config: Pick<EnvConfig, 'REDIS_URL'>): Promise<Relay> {
  if (config.REDIS_URL) {
    throw new Error('Invalid configuration: REDIS_URL (the Redis relay) is not supported by this build yet')
  }
  return createNoRelay()
}
