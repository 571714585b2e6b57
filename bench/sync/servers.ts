import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { createWriteStream, existsSync, mkdirSync } from 'node:fs'
import { createServer } from 'node:net'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
/** The reference server lives outside the product: installed here for benchmarks only. */
export const REFERENCE_DIR = join(REPO_ROOT, 'bench/.reference')
export const REFERENCE_VERSION = '1.5.4'
const REFERENCE_SERVER = join(REFERENCE_DIR, 'node_modules/y-websocket/bin/server.js')

const READY_TIMEOUT_MS = 90_000
const STOP_TIMEOUT_MS = 15_000

/**
 * The servers bench:sync compares: Kokeileva; the reference y-websocket 1.5.4 server in memory
 * and with its LevelDB persistence (YPERSISTENCE, y-leveldb); Hocuspocus with SQLite.
 */
export type ServerKind = 'kokeileva' | 'reference' | 'reference-leveldb' | 'hocuspocus'
export const SERVER_KINDS: readonly ServerKind[] = ['reference', 'reference-leveldb', 'hocuspocus', 'kokeileva']

/** The wire protocol a server speaks: y-websocket's, or Hocuspocus's (the document name before every message). */
export type SyncProtocol = 'y-websocket' | 'hocuspocus'

/** A server process under test. */
export interface ServerUnderTest {
  kind: ServerKind
  protocol: SyncProtocol
  pid: number
  /** http://127.0.0.1:<port> */
  httpUrl: string
  /** The y-websocket server URL a WebsocketProvider is given; the room name is appended. */
  syncUrl: string
  /** SIGTERM, wait for exit (SIGKILL after a timeout). */
  stop(): Promise<void>
}

/** Installs y-websocket@1.5.4 into bench/.reference when it is missing (not a product dependency). */
export function ensureReferenceServer(): void {
  if (existsSync(REFERENCE_SERVER)) return
  mkdirSync(REFERENCE_DIR, { recursive: true })
  process.stderr.write(`installing the reference server y-websocket@${REFERENCE_VERSION} into bench/.reference …\n`)
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  const result = spawnSync(
    npm,
    [
      'install',
      '--prefix',
      REFERENCE_DIR,
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      `y-websocket@${REFERENCE_VERSION}`,
    ],
    { stdio: 'inherit' },
  )
  if (result.status !== 0 || !existsSync(REFERENCE_SERVER)) {
    throw new Error(`installing y-websocket@${REFERENCE_VERSION} failed (exit ${result.status})`)
  }
}

/** A free loopback port (the kernel picks; a race with another process is possible but rare). */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolvePort(port))
    })
  })
}

/** Only what a server needs: nothing from the caller's environment (DATABASE_URL …) leaks in. */
function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {}
  for (const key of ['PATH', 'HOME', 'TMPDIR', 'LANG']) {
    const value = process.env[key]
    if (value !== undefined) env[key] = value
  }
  return env
}

function startProcess(args: string[], env: Record<string, string>, logFile: string, cwd = REPO_ROOT): ChildProcess {
  mkdirSync(dirname(logFile), { recursive: true })
  const log = createWriteStream(logFile, { flags: 'a' })
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...baseEnv(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.pipe(log)
  child.stderr?.pipe(log)
  return child
}

async function waitUntilReady(child: ChildProcess, url: string, logFile: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`server exited with ${child.exitCode} before it was ready; see ${logFile}`)
    try {
      const response = await fetch(url)
      if (response.ok) return
    } catch {
      // not listening yet: poll again
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 100))
  }
  throw new Error(`server at ${url} was not ready within ${READY_TIMEOUT_MS} ms; see ${logFile}`)
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolveStop) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolveStop()
      const killTimer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS)
      child.once('exit', () => {
        clearTimeout(killTimer)
        resolveStop()
      })
      child.kill('SIGTERM')
    })
}

/** Each checkout's server bundle, built once per benchmark process (builtServer). */
const builtServers = new Map<string, Promise<string>>()

/**
 * The server as `npm start` runs it: `root`'s sources bundled by its own build script
 * (scripts/build/server.ts, the same esbuild settings as `npm run build`) into
 * `bench/.server/` — inside the checkout, so that the bundle's imports find its node_modules.
 * Built afresh by every benchmark process (about 0.1 s), so it is never stale.
 */
function builtServer(root: string): Promise<string> {
  let entry = builtServers.get(root)
  if (!entry) {
    entry = (async () => {
      const script = join(root, 'scripts/build/server.ts')
      const { buildServer } = (await import(script)) as { buildServer: (outDir: string) => Promise<unknown> }
      const outDir = join(root, 'bench/.server')
      await buildServer(outDir)
      return join(outDir, 'main.js')
    })()
    builtServers.set(root, entry)
  }
  return entry
}

/**
 * Kokeileva as users run it: the built server (builtServer) under plain node, SQLite in
 * dataDir, durability on. `BENCH_KOKEILEVA=source` runs the TypeScript sources under tsx
 * instead (`node --import tsx server/main.ts`: the names in a profile are the sources').
 */
export async function startKokeileva(options: {
  dataDir: string
  logFile: string
  port?: number
  env?: Record<string, string>
  /** Extra node flags, e.g. ['--cpu-prof'] for profiling. */
  nodeArgs?: string[]
  /** Another checkout of Kokeileva to run instead of this one (a baseline measured side by side). */
  root?: string
}): Promise<ServerUnderTest> {
  const port = options.port ?? (await freePort())
  const entry =
    process.env.BENCH_KOKEILEVA === 'source'
      ? ['--import', 'tsx', 'server/main.ts']
      : [await builtServer(options.root ?? REPO_ROOT)]
  const child = startProcess(
    [...(options.nodeArgs ?? []), ...entry],
    // The per-address board-creation limit guards against abuse; a benchmark creates its
    // boards from one address, so it would measure the limit rather than the server.
    { HOST: '127.0.0.1', PORT: String(port), DATA_DIR: options.dataDir, BOARD_CREATE_LIMIT: '100000', ...options.env },
    options.logFile,
    options.root,
  )
  const httpUrl = `http://127.0.0.1:${port}`
  await waitUntilReady(child, `${httpUrl}/readyz`, options.logFile)
  return {
    kind: 'kokeileva',
    protocol: 'y-websocket',
    pid: requirePid(child),
    httpUrl,
    syncUrl: `ws://127.0.0.1:${port}/sync`,
    stop: stopper(child),
  }
}

/**
 * The reference: y-websocket 1.5.4's bin/server.js, in memory; with `persistDir`, the same
 * server with its own persistence (YPERSISTENCE: every update is also written to LevelDB
 * through y-leveldb, which y-websocket 1.5.4 installs as an optional dependency; it does not
 * wait for the write before passing the update on).
 */
export async function startReference(options: {
  logFile: string
  port?: number
  nodeArgs?: string[]
  persistDir?: string
}): Promise<ServerUnderTest> {
  ensureReferenceServer()
  const port = options.port ?? (await freePort())
  const env: Record<string, string> = { HOST: '127.0.0.1', PORT: String(port) }
  if (options.persistDir) env.YPERSISTENCE = options.persistDir
  const child = startProcess([...(options.nodeArgs ?? []), REFERENCE_SERVER], env, options.logFile)
  const httpUrl = `http://127.0.0.1:${port}`
  await waitUntilReady(child, httpUrl, options.logFile)
  return {
    kind: options.persistDir ? 'reference-leveldb' : 'reference',
    protocol: 'y-websocket',
    pid: requirePid(child),
    httpUrl,
    syncUrl: `ws://127.0.0.1:${port}`,
    stop: stopper(child),
  }
}

/** Hocuspocus 3.4.4 with @hocuspocus/extension-sqlite (bench/sync/peers/hocuspocus-server.ts), its file in dataDir. */
export async function startHocuspocus(options: {
  dataDir: string
  logFile: string
  port?: number
  nodeArgs?: string[]
}): Promise<ServerUnderTest> {
  const port = options.port ?? (await freePort())
  mkdirSync(options.dataDir, { recursive: true })
  const child = startProcess(
    [...(options.nodeArgs ?? []), '--import', 'tsx', 'bench/sync/peers/hocuspocus-server.ts'],
    { HOST: '127.0.0.1', PORT: String(port), SQLITE_FILE: join(options.dataDir, 'hocuspocus.sqlite') },
    options.logFile,
  )
  const httpUrl = `http://127.0.0.1:${port}`
  await waitUntilReady(child, httpUrl, options.logFile)
  return {
    kind: 'hocuspocus',
    protocol: 'hocuspocus',
    pid: requirePid(child),
    httpUrl,
    syncUrl: `ws://127.0.0.1:${port}`,
    stop: stopper(child),
  }
}

/** Starts a fresh server of a kind, with its data (if it keeps any) under dataDir. */
export function startServer(
  kind: ServerKind,
  options: { dataDir: string; logFile: string; nodeArgs?: string[] },
): Promise<ServerUnderTest> {
  switch (kind) {
    case 'kokeileva':
      return startKokeileva(options)
    case 'reference':
      return startReference(options)
    case 'reference-leveldb':
      return startReference({ ...options, persistDir: options.dataDir })
    case 'hocuspocus':
      return startHocuspocus(options)
  }
}

function requirePid(child: ChildProcess): number {
  if (child.pid === undefined) throw new Error('server process has no pid')
  return child.pid
}

/** Creates a board through the HTTP API and returns its id and participant token. */
export async function createBoard(
  httpUrl: string,
  title: string,
): Promise<{ room: string; token: string; facilitatorToken: string }> {
  const response = await fetch(`${httpUrl}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title }),
  })
  if (response.status !== 201) throw new Error(`POST /api/boards failed: ${response.status} ${await response.text()}`)
  const body = (await response.json()) as { id: string; tokens: { participant: string; facilitator: string } }
  return { room: body.id, token: body.tokens.participant, facilitatorToken: body.tokens.facilitator }
}
