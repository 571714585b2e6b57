import helmet from '@fastify/helmet'
import rateLimit from '@fastify/rate-limit'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { AddressInfo } from 'node:net'
import { accountsPlugin } from './accounts/plugin.ts'
import { accountRoutes } from './accounts/routes.ts'
import { catalogueRoutes } from './api-docs/route-catalogue.ts'
import { apiDocsRoutes } from './api-docs/routes.ts'
import { TokenService } from './auth/tokens.ts'
import { noteImportRoutes } from './boards/import/routes.ts'
import { boardRoutes } from './boards/routes.ts'
import { clockRoutes } from './clock/routes.ts'
import { digestRoutes } from './digest/routes.ts'
import { publicUrl, trustProxy, type Config } from './config.ts'
import { installErrorHandlers } from './errors.ts'
import { healthRoutes } from './health/routes.ts'
import { ideaEventRoutes } from './ideas/feed/events.ts'
import { ideaFeedPlugin } from './ideas/feed/plugin.ts'
import { ideaRoutes } from './ideas/routes.ts'
import { adminRoutes } from './admin/routes.ts'
import { lifecyclePlugin } from './lifecycle/plugin.ts'
import { lifecycleRoutes } from './lifecycle/routes.ts'
import { loggerOptions, ProbeQuietLogController } from './logging.ts'
import { relayPlugin } from './relay/plugin.ts'
import type { Relay } from './relay/types.ts'
import { storagePlugin } from './storage/plugin.ts'
import type { Storage } from './storage/types.ts'
import { syncPlugin } from './sync/plugin.ts'
import { ajvOptions, formatSchemaErrors, rejectNonFiniteNumbers } from './validation.ts'
import { templateRoutes } from './templates/routes.ts'
import { webPlugin } from './web/plugin.ts'
import { webhookPlugin, type WebhookPluginOptions } from './webhooks/plugin.ts'
import './types.ts'

export interface AppOptions {
  /** Use this storage instead of the one the configuration selects (tests). */
  storage?: Storage
  relay?: Relay
  /** Where the built client lives (tests point this at a fixture). */
  clientDistDir?: string
  /** Write the log here instead of stdout (tests that count log lines). */
  logStream?: { write(line: string): void }
  /** The webhooks' retry schedule and lease (tests run a day of retries in milliseconds). */
  webhooks?: WebhookPluginOptions
}

export type App = FastifyInstance

/** Configuration, share-link base and token service, decorated once for every plugin. */
const configPlugin = fp<{ config: Config }>(
  async (app, { config }) => {
    app.decorate('config', config)
    app.decorate('tokens', new TokenService(config.SECRET))
    app.decorate('publicUrl', () => {
      const address = app.server.address() as AddressInfo | null
      return publicUrl(config, address?.port ?? config.PORT)
    })
  },
  { name: 'config' },
)

/**
 * Builds the whole application without listening: external plugins, then decorators
 * (config, storage, relay, sync), then the feature routes. Only main.ts calls listen().
 */
export async function buildApp(config: Config, options: AppOptions = {}): Promise<App> {
  const app = Fastify({
    logger: loggerOptions(config, options.logStream),
    logController: new ProbeQuietLogController(),
    // Board creation is rate limited per client address: behind a proxy, TRUST_PROXY makes
    // that the address the proxy reports rather than the proxy's own.
    trustProxy: trustProxy(config),
    return503OnClosing: true,
    ajv: ajvOptions,
    schemaErrorFormatter: formatSchemaErrors,
  }).withTypeProvider<TypeBoxTypeProvider>()

  // First, so that the API description sees every route registered after it.
  const routes = catalogueRoutes(app)
  installErrorHandlers(app)
  rejectNonFiniteNumbers(app)
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        // React and Konva set style attributes.
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'connect-src': ["'self'", 'ws:', 'wss:'],
        'worker-src': ["'self'", 'blob:'],
        // Teams often serve Kokeileva over plain http on an internal network; forcing https
        // there would break every request.
        'upgrade-insecure-requests': null,
      },
    },
    strictTransportSecurity: config.PUBLIC_URL?.startsWith('https://') ?? false,
    // Share links may be opened from other sites (chat, e-mail web clients).
    crossOriginResourcePolicy: { policy: 'same-site' },
  })
  await app.register(rateLimit, { global: false })

  await app.register(configPlugin, { config })
  await app.register(storagePlugin, options.storage ? { storage: options.storage } : {})
  await app.register(relayPlugin, options.relay ? { relay: options.relay } : {})
  await app.register(accountsPlugin)
  await app.register(syncPlugin)
  await app.register(ideaFeedPlugin)
  await app.register(lifecyclePlugin)

  await app.register(healthRoutes)
  await app.register(accountRoutes)
  await app.register(boardRoutes)
  await app.register(noteImportRoutes)
  await app.register(lifecycleRoutes)
  await app.register(adminRoutes)
  await app.register(templateRoutes)
  await app.register(ideaRoutes)
  await app.register(digestRoutes)
  await app.register(ideaEventRoutes)
  await app.register(clockRoutes)
  await app.register(webhookPlugin, options.webhooks ?? {})
  await app.register(apiDocsRoutes, { routes })
  await app.register(webPlugin, options.clientDistDir ? { distDir: options.clientDistDir } : {})
  return app
}
