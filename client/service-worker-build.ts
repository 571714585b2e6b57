import { createHash } from 'node:crypto'
import type { Plugin } from 'vite'

/** The service worker's entry name and the file it is built to (its scope is the site root). */
export const SERVICE_WORKER_ENTRY = 'sw'
export const SERVICE_WORKER_FILE = 'sw.js'

export interface ShellManifest {
  /** Changes with any byte of the build: the worker's cache name and the reason to update. */
  version: string
  /** Site paths of the build's files, index.html first. */
  files: string[]
}

/**
 * The app shell of a build: its output files (the worker itself, source maps and the build's
 * own reports under .vite/ aside; of the rest, those in `precached` when given), and a version
 * hashed from the names and contents of them all, so that any change makes a new version.
 */
export function shellManifest(
  outputs: ReadonlyArray<{ fileName: string; content: string | Uint8Array }>,
  precached?: ReadonlySet<string>,
): ShellManifest {
  const kept = outputs
    .filter(
      ({ fileName }) =>
        fileName !== SERVICE_WORKER_FILE && !fileName.endsWith('.map') && !fileName.startsWith('.vite/'),
    )
    .sort((a, b) =>
      a.fileName === 'index.html' ? -1 : b.fileName === 'index.html' ? 1 : a.fileName.localeCompare(b.fileName),
    )
  const hash = createHash('sha256')
  for (const { fileName, content } of kept) hash.update(fileName).update('\0').update(content).update('\0')
  const files = kept
    .map(({ fileName }) => fileName)
    .filter((fileName) => fileName === 'index.html' || !precached || precached.has(fileName))
  return { version: hash.digest('hex').slice(0, 16), files: files.map((fileName) => `/${fileName}`) }
}

/**
 * Pages that need the server to show anything (the idea registry and its hub board, idea
 * pages and webhook deliveries, the network meeting, the admin page): their chunks are not
 * precached, so a participant's browser does not download them in the background. They are
 * kept on the device when first used (sw.ts caches /assets/ files as they are fetched).
 */
export const ONLINE_ONLY_PAGES = /[\\/]client[\\/]src[\\/](ideas|digest|admin)[\\/]/

interface ChunkLike {
  type: 'chunk'
  fileName: string
  isEntry: boolean
  facadeModuleId: string | null
  imports: readonly string[]
  dynamicImports: readonly string[]
  viteMetadata?: { importedCss: Set<string>; importedAssets: Set<string> }
}

/**
 * The files the service worker precaches: what the app's entries load, and what they load on
 * demand (the board and the start page, their panels and dialogs, the picture export, every
 * language), except the chunks of the online-only pages and what only they use; plus files no
 * chunk names (public files).
 */
export function offlineFiles(outputs: ReadonlyArray<ChunkLike | { type: 'asset'; fileName: string }>): Set<string> {
  const chunks = outputs.filter((output): output is ChunkLike => output.type === 'chunk')
  const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]))
  const keep = new Set<string>()
  const visit = (chunk: ChunkLike) => {
    if (keep.has(chunk.fileName)) return
    keep.add(chunk.fileName)
    for (const file of chunk.viteMetadata?.importedCss ?? []) keep.add(file)
    for (const file of chunk.viteMetadata?.importedAssets ?? []) keep.add(file)
    for (const file of chunk.imports) {
      const next = byFile.get(file)
      if (next) visit(next)
    }
    for (const file of chunk.dynamicImports) {
      const next = byFile.get(file)
      if (next && !(next.facadeModuleId && ONLINE_ONLY_PAGES.test(next.facadeModuleId))) visit(next)
    }
  }
  for (const chunk of chunks) if (chunk.isEntry && chunk.fileName !== SERVICE_WORKER_FILE) visit(chunk)
  const named = new Set(
    chunks.flatMap((chunk) => [
      ...(chunk.viteMetadata?.importedCss ?? []),
      ...(chunk.viteMetadata?.importedAssets ?? []),
    ]),
  )
  for (const output of outputs) if (output.type === 'asset' && !named.has(output.fileName)) keep.add(output.fileName)
  return keep
}

/**
 * Builds client/src/service-worker/sw.ts to /sw.js with this build's shell manifest in front
 * of it (`const KOKEILEVA_SHELL = …`), so that every deploy ships a worker of its own.
 */
export function serviceWorkerBuild(): Plugin {
  return {
    name: 'kokeileva:service-worker',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const worker = bundle[SERVICE_WORKER_FILE]
      if (!worker || worker.type !== 'chunk') return
      if (worker.imports.length > 0 || worker.dynamicImports.length > 0) {
        this.error(`${SERVICE_WORKER_FILE} must be one self-contained script, but imports ${worker.imports.join(', ')}`)
      }
      const outputs = Object.values(bundle)
      const manifest = shellManifest(
        outputs.map((output) => ({
          fileName: output.fileName,
          content: output.type === 'chunk' ? output.code : output.source,
        })),
        offlineFiles(outputs),
      )
      worker.code = `const KOKEILEVA_SHELL = ${JSON.stringify(manifest)};\n${worker.code}`
    },
  }
}
