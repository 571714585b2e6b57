import type { TokenService } from './auth/tokens.ts'
import type { Config } from './config.ts'
import type { Relay } from './relay/types.ts'
import type { Storage } from './storage/types.ts'
import type { SyncServer } from './sync/sync-server.ts'

declare module 'fastify' {
  interface FastifyInstance {
    config: Config
    storage: Storage
    relay: Relay
    tokens: TokenService
    sync: SyncServer
    /** Base URL of share links: PUBLIC_URL, or http://HOST:<bound port>. */
    publicUrl(): string
  }
}
