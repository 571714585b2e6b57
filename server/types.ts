import type { BoardAccessService } from './auth/board-access.ts'
import type { TokenService } from './auth/tokens.ts'
import type { Config } from './config.ts'
import type { BoardLifecycle } from './lifecycle/board-lifecycle.ts'
import type { RetentionJob } from './lifecycle/retention.ts'
import type { Relay } from './relay/types.ts'
import type { Storage } from './storage/types.ts'
import type { SyncServer } from './sync/sync-server.ts'
import type { WebhookDispatcher } from './webhooks/dispatcher.ts'

declare module 'fastify' {
  interface FastifyInstance {
    config: Config
    storage: Storage
    relay: Relay
    tokens: TokenService
    /** Whether a board token or ticket still opens its board (generations, expiry). */
    access: BoardAccessService
    sync: SyncServer
    lifecycle: BoardLifecycle
    /** Only when BOARD_RETENTION_DAYS is set. */
    retention?: RetentionJob
    /** Base URL of share links: PUBLIC_URL, or http://HOST:<bound port>. */
    publicUrl(): string
  }
}

/** What the routes' schemas carry besides validation: the API description's words (OpenAPI). */
declare module 'fastify' {
  interface FastifySchema {
    /** One line: what the operation does. */
    summary?: string
    /** More: who may call it and what to expect. */
    description?: string
    /** The API description's sections: boards, templates, ideas, hub, health, docs. */
    tags?: readonly string[]
    /** The credentials the route checks: `boardToken` (a share token) or `hubToken`. */
    security?: readonly Record<string, readonly string[]>[]
    /** Media types of a request body that is a file (imports); default application/json. */
    consumes?: readonly string[]
    /** Media types of a response that is a file (exports). */
    produces?: readonly string[]
    /** Not part of the API description (the web app's files). */
    hide?: boolean
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** This process's webhook dispatcher (server/webhooks/). */
    webhooks: WebhookDispatcher
  }
}
