import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { brotliCompress, constants as zlib, gzip } from 'node:zlib'
import { PARTS, REPO_DIR, STAMP_FILE, sourceHash } from './source-hash.mjs'

export const CLIENT_CONFIG = join(REPO_DIR, 'client', 'vite.config.ts')

/** Files worth compressing: text. Images and fonts Vite emits are compressed already. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|map|webmanifest|ico)$/

/** Below this, a compressed copy saves less than its headers cost. */
const MIN_COMPRESS_BYTES = 1024

const gzipAsync = promisify(gzip)
const brotliAsync = promisify(brotliCompress)

/**
 * Builds the web app with Vite into `outDir` (dist/client by default), writes a gzip and a
 * brotli copy beside every text file (the server picks one by the browser's Accept-Encoding),
 * and stamps the build with its source hash.
 */
export async function buildClient(outDir: string = PARTS.client.out, { quiet = false } = {}): Promise<void> {
  const hash = sourceHash('client')
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
  await precompress(outDir)
  writeFileSync(join(outDir, STAMP_FILE), `${hash}\n`)
}

/** Writes `<file>.gz` and `<file>.br` for every compressible file, at the highest settings. */
export async function precompress(dir: string): Promise<void> {
  const files: string[] = []
  const walk = (path: string) => {
    for (const entry of readdirSync(path)) {
      const full = join(path, entry)
      if (statSync(full).isDirectory()) walk(full)
      else if (COMPRESSIBLE.test(entry)) files.push(full)
    }
  }
  walk(dir)
  await Promise.all(
    files.map(async (file) => {
      const content = readFileSync(file)
      if (content.length < MIN_COMPRESS_BYTES) return
      const [gzipped, brotli] = await Promise.all([
        gzipAsync(content, { level: 9 }),
        brotliAsync(content, {
          params: {
            [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY,
            [zlib.BROTLI_PARAM_SIZE_HINT]: content.length,
            [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
          },
        }),
      ])
      if (gzipped.length < content.length) writeFileSync(`${file}.gz`, gzipped)
      if (brotli.length < content.length) writeFileSync(`${file}.br`, brotli)
    }),
  )
}
