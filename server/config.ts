import { Type, type Static } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import { parseReceivers, type Receiver } from './webhooks/receivers.ts'

/**
 * Configuration comes from the environment, is validated once at boot against this schema,
 * and nothing else reads process.env. Bad configuration fails with one line naming the
 * variable.
 */
export const ConfigSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000, description: 'HTTP and WebSocket port' }),
  HOST: Type.String({
    minLength: 1,
    default: '127.0.0.1',
    description: 'listen address (`0.0.0.0` to serve a network)',
  }),
  DATA_DIR: Type.String({ minLength: 1, default: './data', description: 'SQLite database and generated secrets' }),
  DATABASE_URL: Type.Optional(
    Type.String({
      pattern: '^postgres(ql)?://',
      description: '`postgres://…` selects PostgreSQL; unset: SQLite in DATA_DIR',
    }),
  ),
  SQLITE_JOURNAL_FOLD_MS: Type.Integer({
    minimum: 0,
    maximum: 60_000,
    default: 250,
    description:
      'SQLite: board updates are written to DATA_DIR/kokeileva.journal (one write per group commit) and folded into the database this often; `0`: no journal, a SQLite commit per group commit',
  }),
  REDIS_URL: Type.Optional(
    Type.String({
      pattern: '^rediss?://',
      description: '`redis://…` enables the relay between processes (Redis 7 or newer)',
    }),
  ),
  PG_POOL_MAX: Type.Integer({
    minimum: 1,
    maximum: 1000,
    default: 10,
    description: 'PostgreSQL connections each process keeps at most',
  }),
  REDIS_KEY_PREFIX: Type.String({
    pattern: '^[A-Za-z0-9_.:-]{1,64}$',
    default: 'kokeileva:',
    description: 'prefix of every Redis key and channel (one Redis, several deployments)',
  }),
  REDIS_STREAM_MAXLEN: Type.Integer({
    minimum: 100,
    maximum: 10_000_000,
    default: 2000,
    description: "entries a board's update stream keeps (approximately); a process further behind reloads the board",
  }),
  TRUST_PROXY: Type.Optional(
    Type.String({
      minLength: 1,
      description:
        'behind a reverse proxy: `true`, a hop count, or the proxy addresses, so that per-address limits see the client',
    }),
  ),
  SECRET: Type.Optional(
    Type.String({ minLength: 32, description: 'signs share tokens; unset: generated once into DATA_DIR/secret' }),
  ),
  HUB_TOKEN: Type.Optional(
    Type.String({
      minLength: 16,
      description: "the innovation hub's token; unset: generated once into DATA_DIR/hub-token (never printed)",
    }),
  ),
  PUBLIC_URL: Type.Optional(
    Type.String({
      pattern: '^https?://[^\\s/]+(/[^\\s]*)?$',
      description: 'base of the share links (and an allowed browser origin); unset: `http://HOST:PORT`',
    }),
  ),
  ALLOWED_ORIGINS: Type.Optional(
    Type.String({ description: 'extra browser origins allowed to connect, comma-separated' }),
  ),
  MAX_MESSAGE_BYTES: Type.Integer({
    minimum: 1024,
    maximum: 64 * 1024 * 1024,
    default: 1_048_576,
    description: 'largest WebSocket message a client may send, and the most the server puts in one message it sends',
  }),
  MAX_SYNC_MESSAGE_BYTES: Type.Integer({
    minimum: 1024,
    maximum: 256 * 1024 * 1024,
    default: 16 * 1024 * 1024,
    description:
      "largest sync step 2 a client may send (a client's offline work comes in one); at least MAX_MESSAGE_BYTES",
  }),
  MAX_CLIENTS_PER_BOARD: Type.Integer({
    minimum: 1,
    maximum: 100_000,
    default: 500,
    description: 'connections one board accepts (per process); past it: 4429',
  }),
  BOARD_CREATE_LIMIT: Type.Integer({
    minimum: 1,
    maximum: 100_000,
    default: 60,
    description: 'boards (and saved templates) one client address may create per minute (per process)',
  }),
  IDLE_UNLOAD_MS: Type.Integer({
    minimum: 0,
    maximum: 86_400_000,
    default: 30_000,
    description: 'how long a board with no connections stays loaded',
  }),
  DOC_IDLE_MS: Type.Integer({
    minimum: 0,
    maximum: 86_400_000,
    default: 600_000,
    description:
      "how long a loaded board's document stays built after its last write; then the board is held as its stored bytes until the next write (0: kept built)",
  }),
  SEND_BUFFER_LIMIT_BYTES: Type.Integer({
    minimum: 65_536,
    default: 16 * 1024 * 1024,
    description: 'unsent bytes after which a client that stopped reading is closed (1013)',
  }),
  HEARTBEAT_MS: Type.Integer({
    minimum: 100,
    maximum: 3_600_000,
    default: 30_000,
    description:
      'how often every connection is pinged; one that has not answered (pong or any message) by the next ping is terminated',
  }),
  BOARD_MAX_NOTES: Type.Integer({
    minimum: 1,
    maximum: 1_000_000,
    default: 5000,
    description: 'notes a board may hold; past it new notes are refused (what is stored stays)',
  }),
  BOARD_MAX_BYTES: Type.Integer({
    minimum: 65_536,
    maximum: 1024 * 1024 * 1024,
    default: 16 * 1024 * 1024,
    description: "a board's encoded size in bytes; past it new notes are refused (what is stored stays)",
  }),
  COMPACT_AFTER_UPDATES: Type.Integer({
    minimum: 1,
    default: 1000,
    description: "update-log entries after which a board's log is compacted into a snapshot",
  }),
  WEBHOOK_URLS: Type.Optional(
    Type.String({
      description:
        'receivers of the registry\'s webhooks, comma-separated; `#format=slack` after a URL sends a chat message `{"text": …}` (Slack, Teams) instead of the JSON payload',
    }),
  ),
  WEBHOOK_SECRET: Type.Optional(
    Type.String({
      minLength: 16,
      description:
        'signs every webhook delivery (`X-Kokeileva-Signature: sha256=<HMAC-SHA256 of the body>`); required with WEBHOOK_URLS',
    }),
  ),
  WEBHOOK_TIMEOUT_MS: Type.Integer({
    minimum: 100,
    maximum: 120_000,
    default: 10_000,
    description: 'how long a webhook receiver has to answer one delivery before it counts as failed (and is retried)',
  }),
  WEBHOOK_CONCURRENCY: Type.Integer({
    minimum: 1,
    maximum: 256,
    default: 4,
    description: 'webhook deliveries one process has in flight at most',
  }),
  BOARD_RETENTION_DAYS: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 36_500,
      description:
        'boards nobody has opened for this many days are deleted by a daily job (also run at start); unset: boards are kept for ever',
    }),
  ),
  AUTH: Type.Union([Type.Literal('links'), Type.Literal('oidc')], {
    default: 'links',
    description:
      '`links`: share links are the only credential (no accounts); `oidc`: sign-in through an OpenID Connect provider (the OIDC_* settings)',
  }),
  OIDC_ISSUER: Type.Optional(
    Type.String({
      pattern: '^https?://[^\\s]+$',
      description:
        "with AUTH=oidc: the provider's issuer URL (its `/.well-known/openid-configuration` is read at start)",
    }),
  ),
  OIDC_CLIENT_ID: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 500,
      description: 'with AUTH=oidc: the client id registered at the provider',
    }),
  ),
  OIDC_CLIENT_SECRET: Type.Optional(
    Type.String({ minLength: 1, maxLength: 2000, description: 'with AUTH=oidc: the client secret' }),
  ),
  OIDC_GROUPS_CLAIM: Type.String({
    pattern: '^[A-Za-z0-9_.:/-]{1,200}$',
    default: 'groups',
    description: 'with AUTH=oidc: the ID token or userinfo claim that lists the groups of the person',
  }),
  OIDC_HUB_GROUP: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 500,
      description:
        'with AUTH=oidc: members of this group are the innovation hub (change ideas); HUB_TOKEN keeps working',
    }),
  ),
  OIDC_ADMIN_GROUP: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 500,
      description: 'with AUTH=oidc: members of this group are administrators',
    }),
  ),
  GUEST_LINKS: Type.Boolean({
    default: true,
    description:
      'with AUTH=oidc: participant and viewer links admit people who have not signed in; `false`: they need sign-in too',
  }),
  SESSION_DAYS: Type.Integer({
    minimum: 1,
    maximum: 365,
    default: 14,
    description: 'with AUTH=oidc: how long a sign-in lasts (the session cookie and its row in the database)',
  }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) => Type.Literal(level)),
    { default: 'info', description: "log level (`debug` adds the health probes' requests)" },
  ),
})

export type EnvConfig = Static<typeof ConfigSchema>

/** The validated configuration plus the values resolved at boot (secrets, public URL). */
export interface Config extends EnvConfig {
  SECRET: string
  HUB_TOKEN: string
}

export class ConfigError extends Error {
  override name = 'ConfigError'
}

const KNOWN_KEYS = Object.keys(ConfigSchema.properties)

/** Reads the known variables from an environment, converts and validates them. */
export function parseEnv(env: Record<string, string | undefined>): EnvConfig {
  const raw: Record<string, unknown> = {}
  for (const key of KNOWN_KEYS) {
    const value = env[key]
    // An empty variable counts as unset, as shells and compose files often produce them.
    if (value !== undefined && value !== '') raw[key] = value
  }
  const converted = Value.Default(ConfigSchema, Value.Convert(ConfigSchema, raw))
  const firstError = Value.Errors(ConfigSchema, converted).First()
  if (firstError) {
    const key = firstError.path.replace(/^\//, '').split('/')[0] ?? ''
    const got = key in raw ? ` (got ${JSON.stringify(raw[key])})` : ''
    throw new ConfigError(`Invalid configuration: ${key} ${firstError.message}${got}`)
  }
  checkWebhooks(converted as EnvConfig)
  return converted as EnvConfig
  const config = converted as EnvConfig
  const missing = oidcProblem(config)
  if (missing) throw new ConfigError(`Invalid configuration: ${missing}`)
  return config
}

/** AUTH=oidc needs its provider: the first missing setting, or null. */
function oidcProblem(config: EnvConfig): string | null {
  if (config.AUTH !== 'oidc') return null
  for (const key of ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const) {
    if (!config[key]) return `${key} is required with AUTH=oidc`
  }
  return null
}

/** WEBHOOK_URLS entries are URLs with an optional format; receivers need a secret to verify by. */
function checkWebhooks(config: EnvConfig): void {
  let receivers: Receiver[]
  try {
    receivers = parseReceivers(config.WEBHOOK_URLS)
  } catch (error) {
    throw new ConfigError(`Invalid configuration: WEBHOOK_URLS ${(error as Error).message}`)
  }
  if (receivers.length > 0 && !config.WEBHOOK_SECRET)
    throw new ConfigError('Invalid configuration: WEBHOOK_SECRET is required when WEBHOOK_URLS is set')
}

/**
 * The base URL of share links: PUBLIC_URL, else http://HOST:PORT with the port actually
 * bound (PORT=0 picks one at listen time). A wildcard listen address is not a usable host.
 */
export function publicUrl(config: Pick<EnvConfig, 'PUBLIC_URL' | 'HOST'>, boundPort: number): string {
  if (config.PUBLIC_URL) return config.PUBLIC_URL.replace(/\/+$/, '')
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST
  return `http://${host.includes(':') ? `[${host}]` : host}:${boundPort}`
}

/** Fastify's trustProxy from TRUST_PROXY: unset or "false" trusts nobody. */
export function trustProxy(
  config: Pick<EnvConfig, 'TRUST_PROXY'>,
): boolean | string | ((address: string, hop: number) => boolean) {
  const value = config.TRUST_PROXY?.trim()
  if (!value || value === 'false') return false
  if (value === 'true') return true
  if (/^\d+$/.test(value)) {
    const hops = Number(value)
    return (_address, hop) => hop < hops
  }
  return value
}

/** Origins allowed to open a WebSocket from a browser, besides the request's own origin. */
export function allowedOrigins(config: Pick<EnvConfig, 'PUBLIC_URL' | 'ALLOWED_ORIGINS'>): Set<string> {
  const origins = new Set<string>()
  if (config.PUBLIC_URL) origins.add(new URL(config.PUBLIC_URL).origin)
  for (const entry of (config.ALLOWED_ORIGINS ?? '').split(',')) {
    const trimmed = entry.trim()
    if (trimmed) origins.add(trimmed.replace(/\/+$/, ''))
  }
  return origins
}
