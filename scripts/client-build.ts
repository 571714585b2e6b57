import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO_DIR = fileURLToPath(new URL('..', import.meta.url))
export const CLIENT_DIR = join(REPO_DIR, 'client')
export const CLIENT_CONFIG = join(CLIENT_DIR, 'vite.config.ts')
export const CLIENT_DIST_DIR = join(CLIENT_DIR, 'dist')

/** Where a build records the hash of the sources it was made from. */
export const SOURCE_HASH_FILE = '.source-hash'

/** Builds the client with Vite into `outDir` (client/dist by default), stamped with its source hash. */
export async function buildClient(outDir: string = CLIENT_DIST_DIR, { quiet = false } = {}): Promise<void> {
  const sourceHash = clientSourceHash()
  const { build } = await import('vite')
  // Always a production build, also when called under vitest, which sets NODE_ENV=test: Vite
  // and the React plugin read it, and would build React's much slower development variant.
  const nodeEnv = process.env['NODE_ENV']
  process.env['NODE_ENV'] = 'production'
  try {
    await build({
      configFile: CLIENT_CONFIG,
      logLevel: quiet ? 'warn' : 'info',
      mode: 'production',
      build: { outDir, emptyOutDir: true },
    })
  } finally {
    if (nodeEnv === undefined) delete process.env['NODE_ENV']
    else process.env['NODE_ENV'] = nodeEnv
  }
  writeFileSync(join(outDir, SOURCE_HASH_FILE), `${sourceHash}\n`)
}

/** The source hash a build in `dir` was made from, or null (no build, or one without a stamp). */
export function builtSourceHash(dir: string = CLIENT_DIST_DIR): string | null {
  const file = join(dir, SOURCE_HASH_FILE)
  return existsSync(join(dir, 'index.html')) && existsSync(file) ? readFileSync(file, 'utf8').trim() : null
}

function listFiles(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir)) {
    if (entry === 'dist' || entry === 'node_modules') continue
    const path = join(dir, entry)
    if (statSync(path).isDirectory()) listFiles(path, out)
    else out.push(path)
  }
}

/** A hash of everything the client build reads, to reuse a build while nothing changed. */
export function clientSourceHash(): string {
  const files: string[] = []
  listFiles(CLIENT_DIR, files)
  listFiles(join(REPO_DIR, 'shared'), files)
  files.push(join(REPO_DIR, 'package-lock.json'))
  const hash = createHash('sha256')
  for (const file of files.sort()) {
    hash.update(relative(REPO_DIR, file))
    hash.update(readFileSync(file))
  }
  return hash.digest('hex').slice(0, 16)
}

/**
 * A build of the current sources in node_modules/.cache, made once per source hash: browser
 * tests and benchmarks test what is in the tree, not a stale client/dist.
 */
export async function cachedClientBuild(): Promise<string> {
  const dir = join(REPO_DIR, 'node_modules', '.cache', 'kokeileva-client', clientSourceHash())
  if (!existsSync(join(dir, 'index.html'))) await buildClient(dir, { quiet: true })
  return dir
}
