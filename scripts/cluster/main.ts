import { resolve } from 'node:path'
import pg from 'pg'
import { ConfigError, parseEnv, type EnvConfig } from '../../server/config.ts'
import { resolveSecret } from '../../server/secrets.ts'
import { spawnNode, type NodeProcess } from './node-process.ts'
import { startReverseProxy } from './proxy.ts'

/**
 * `npm run cluster`: a local demo of the scaled-out deployment. Two Kokeileva processes on
 * the local PostgreSQL and Redis behind a small reverse proxy (in Node, standing in for nginx)
 * on PORT. Open the proxy's address; kill one process (its pid is printed) and watch its
 * clients continue on the other.
 *
 * Defaults: DATABASE_URL postgres://postgres@127.0.0.1:5432/kokeileva_cluster (created when
 * missing), REDIS_URL redis://127.0.0.1:6379, DATA_DIR ./data/cluster (the shared secrets),
 * the processes on PORT+1 and PORT+2.
 */
const NODE_COUNT = 2
const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/kokeileva_cluster'
const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379'

async function main(): Promise<void> {
  const config = parseEnv({ DATA_DIR: './data/cluster', ...process.env })
  const databaseUrl = config.DATABASE_URL ?? DEFAULT_DATABASE_URL
  const redisUrl = config.REDIS_URL ?? DEFAULT_REDIS_URL
  await ensureDatabase(databaseUrl)

  // Both processes must sign and check tokens with one secret: resolve it once, here.
  const secret = resolveSecret(config.DATA_DIR, 'secret', config.SECRET)
  const hubToken = resolveSecret(config.DATA_DIR, 'hub-token', config.HUB_TOKEN)
  if (hubToken.generated) {
    process.stdout.write(
      `\nGenerated the innovation hub's token; read it with: cat ${resolve(config.DATA_DIR, 'hub-token')}\n\n`,
    )
  }
  const publicUrl =
    config.PUBLIC_URL ?? `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${config.PORT}`
  const nodes: NodeProcess[] = []
  let stopping = false
  for (let i = 1; i <= NODE_COUNT; i++) {
    const node = await spawnNode({
      env: {
        ...passThrough(process.env),
        DATABASE_URL: databaseUrl,
        REDIS_URL: redisUrl,
        DATA_DIR: resolve(config.DATA_DIR),
        SECRET: secret.value,
        HUB_TOKEN: hubToken.value,
        HOST: '127.0.0.1',
        PORT: String(config.PORT + i),
        PUBLIC_URL: publicUrl,
        // Only the proxy on this machine talks to the processes.
        TRUST_PROXY: '127.0.0.1',
      },
      onLog: (line) => process.stdout.write(`[node${i}] ${line}\n`),
    })
    nodes.push(node)
    process.stdout.write(`node${i}: ${node.url} (pid ${node.child.pid})\n`)
    void node.exited.then((code) => {
      if (!stopping)
        process.stdout.write(`node${i} exited (${code}); the proxy sends its clients to the other process\n`)
    })
  }
  const proxy = await startReverseProxy({
    backends: nodes.map((node) => node.url),
    port: config.PORT,
    host: config.HOST,
  })
  process.stdout.write(`\nKokeileva cluster: ${proxy.url} → ${nodes.map((node) => node.url).join(', ')}\n`)
  process.stdout.write(`PostgreSQL ${redact(databaseUrl)}, Redis ${redisUrl}. Ctrl-C stops everything.\n\n`)

  const stop = async () => {
    if (stopping) return
    stopping = true
    await proxy.close()
    await Promise.all(nodes.map((node) => node.stop('SIGTERM')))
    process.exit(0)
  }
  process.on('SIGINT', () => void stop())
  process.on('SIGTERM', () => void stop())
}

/** Creates the demo's database on first use (connecting to the server's `postgres` database). */
async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url)
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''))
  if (!/^[A-Za-z0-9_]+$/.test(name)) return
  const admin = new URL(url)
  admin.pathname = '/postgres'
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 5000 })
  try {
    await client.connect()
  } catch (error) {
    throw new Error(`PostgreSQL is not reachable at ${redact(url)}: ${(error as Error).message}`, { cause: error })
  }
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
    if (rowCount === 0) {
      await client.query(`CREATE DATABASE ${name}`)
      process.stdout.write(`Created the database ${name}\n`)
    }
  } finally {
    await client.end()
  }
}

/** The parent's environment without the variables this script sets for each process. */
function passThrough(env: NodeJS.ProcessEnv): Record<string, string> {
  const own = new Set<keyof EnvConfig>([
    'PORT',
    'HOST',
    'DATA_DIR',
    'DATABASE_URL',
    'REDIS_URL',
    'SECRET',
    'HUB_TOKEN',
    'PUBLIC_URL',
  ])
  return Object.fromEntries(
    Object.entries(env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && !own.has(entry[0] as keyof EnvConfig),
    ),
  )
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError ? '' : 'The cluster failed to start: '}${error instanceof Error ? error.message : String(error)}\n`,
  )
  process.exit(1)
})
