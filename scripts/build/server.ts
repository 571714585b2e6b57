import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PARTS, REPO_DIR, STAMP_FILE, sourceHash } from './source-hash.mjs'

/** The worker thread the SQLite storage starts by its file name, next to the bundle. */
const CHECKPOINT_WORKER = join(REPO_DIR, 'server', 'storage', 'sqlite', 'checkpoint-worker.mjs')

export interface ServerBuild {
  /** The packages the bundle imports at run time: exactly what `dependencies` must hold. */
  externalPackages: string[]
}

/**
 * Bundles the server (server/ and shared/, with the @shared alias resolved) into one ES module,
 * `dist/server/main.js`, that plain `node` runs, and the online backup (`npm run backup`) into
 * `dist/server/backup.js`, so that a production install can back up without build tools.
 * Packages from node_modules stay imports: they are the production dependencies. Readable
 * output (no minification) keeps stack traces useful.
 */
export async function buildServer(outDir: string = PARTS.server.out): Promise<ServerBuild> {
  const hash = sourceHash('server')
  const { version } = JSON.parse(readFileSync(join(REPO_DIR, 'package.json'), 'utf8')) as { version: string }
  const { build } = await import('esbuild')
  rmSync(outDir, { recursive: true, force: true })
  mkdirSync(outDir, { recursive: true })
  const result = await build({
    entryPoints: {
      main: join(REPO_DIR, 'server', 'main.ts'),
      backup: join(REPO_DIR, 'scripts', 'backup.ts'),
    },
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    tsconfig: join(REPO_DIR, 'tsconfig.json'),
    alias: { '@shared': join(REPO_DIR, 'shared') },
    define: { __KOKEILEVA_VERSION__: JSON.stringify(version) },
    metafile: true,
    logLevel: 'warning',
    legalComments: 'none',
  })
  copyFileSync(CHECKPOINT_WORKER, join(outDir, 'checkpoint-worker.mjs'))
  writeFileSync(join(outDir, 'package.json'), `${JSON.stringify({ type: 'module' })}\n`)
  writeFileSync(join(outDir, STAMP_FILE), `${hash}\n`)
  const imports = Object.values(result.metafile.inputs).flatMap((input) => input.imports)
  const externalPackages = [
    ...new Set(imports.filter((entry) => entry.external).map((entry) => packageName(entry.path))),
  ].filter((name): name is string => name !== null)
  return { externalPackages: externalPackages.sort() }
}

/** 'fastify/types/schema.js' → 'fastify', '@fastify/static' → '@fastify/static'; node: builtins → null. */
function packageName(specifier: string): string | null {
  if (specifier.startsWith('node:')) return null
  const parts = specifier.split('/')
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? null)
}
