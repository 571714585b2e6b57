import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { CHUNK_REPORT_FILE, type ChunkReport, type ReportedChunk } from '../../client/chunk-report.ts'

/**
 * What a page's first load fetches from a client build (dist/client), read from the build's
 * chunk report (client/chunk-report.ts), and its size as the server sends it: each file's
 * brotli or gzip copy where the build made one (scripts/build/client.ts; files under 1 KiB
 * go as they are), the plain file otherwise.
 *
 * A first load is index.html, the app's entry chunk, the chunk of the route's page and the
 * chunk of the UI language's strings, each with every chunk it imports statically (those
 * load with it: the page's chunk is fetched with its imports, Vite preloads them) and their
 * CSS. What is loaded with import() only when asked for — other pages, panels, dialogs, the
 * picture export, other languages — is not in it. The service worker, registered after the
 * page has loaded, then fetches the rest of the build in the background for the offline shell;
 * that is not part of the first load either.
 */

/** The routes bench:ship and the budget test measure, and the page module each one loads. */
export const ROUTES = {
  // A board's page also runs a first script of its own (server/web/board-preload.ts).
  board: { path: '/b/:id', page: 'client/src/board/BoardPage.tsx', first: 'client/src/early.ts' },
  start: { path: '/', page: 'client/src/start/StartPage.tsx' },
  registry: { path: '/ideas', page: 'client/src/ideas/IdeasPage.tsx' },
} as const

export type RouteName = keyof typeof ROUTES

export type Locale = 'en' | 'fi' | 'sv'

export interface FileSize {
  file: string
  raw: number
  gzip: number
  brotli: number
}

export interface FirstLoad {
  route: RouteName
  locale: Locale
  files: FileSize[]
  /** Sums over files. */
  raw: number
  gzip: number
  brotli: number
  /** Every module bundled into the chunks of the first load, relative to the repository, with its bytes (minified, uncompressed). */
  modules: Record<string, number>
}

export function readChunkReport(clientDir: string): ChunkReport {
  const file = join(clientDir, CHUNK_REPORT_FILE)
  if (!existsSync(file)) throw new Error(`${file} is missing: build the client first (npm run build)`)
  return JSON.parse(readFileSync(file, 'utf8')) as ChunkReport
}

/** A file's size as the server sends it plain, gzip-encoded and brotli-encoded. */
export function servedSize(clientDir: string, file: string): FileSize {
  const path = join(clientDir, file)
  const raw = statSync(path).size
  const copy = (suffix: string) => (existsSync(`${path}${suffix}`) ? statSync(`${path}${suffix}`).size : raw)
  return { file, raw, gzip: copy('.gz'), brotli: copy('.br') }
}

/**
 * The chunk a module loads with: the chunk it is the entry of, or else the chunk it was bundled
 * into (a build that does not split it off, as before the client was split).
 */
function chunkOf(report: ChunkReport, module: string): ReportedChunk {
  const chunk =
    report.chunks.find((candidate) => candidate.entry === module) ??
    report.chunks.find((candidate) => module in candidate.modules)
  if (!chunk) throw new Error(`no chunk of the build holds ${module}`)
  return chunk
}

/** The files and modules of a route's first load in a language. */
export function firstLoad(clientDir: string, route: RouteName, locale: Locale = 'en'): FirstLoad {
  const report = readChunkReport(clientDir)
  const byFile = new Map(report.chunks.map((chunk) => [chunk.file, chunk]))
  const entry = report.chunks.find((chunk) => chunk.isEntry && chunk.entry === 'client/index.html')
  if (!entry) throw new Error('the build has no entry chunk for client/index.html')
  const roots = [entry, chunkOf(report, `client/src/i18n/${locale}.json`)]
  roots.push(chunkOf(report, ROUTES[route].page))
  const spec: { page: string; first?: string } = ROUTES[route]
  if (spec.first) roots.push(chunkOf(report, spec.first))

  const files = new Set<string>(['index.html'])
  const modules: Record<string, number> = {}
  const visit = (chunk: ReportedChunk) => {
    if (files.has(chunk.file)) return
    files.add(chunk.file)
    for (const css of chunk.css) files.add(css)
    Object.assign(modules, chunk.modules)
    for (const imported of chunk.imports) {
      const next = byFile.get(imported)
      if (!next) throw new Error(`${chunk.file} imports ${imported}, which the chunk report does not list`)
      visit(next)
    }
  }
  for (const root of roots) visit(root)

  const sizes = [...files].map((file) => servedSize(clientDir, file))
  const sum = (key: 'raw' | 'gzip' | 'brotli') => sizes.reduce((total, size) => total + size[key], 0)
  return { route, locale, files: sizes, raw: sum('raw'), gzip: sum('gzip'), brotli: sum('brotli'), modules }
}

/** The modules of a first load grouped by package (node_modules) or by folder of the app, biggest first. */
export function modulesByPart(modules: Record<string, number>): Array<{ part: string; bytes: number }> {
  const parts = new Map<string, number>()
  for (const [module, bytes] of Object.entries(modules)) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(module)
    const part = pkg ? pkg[1]! : module.split('/').slice(0, 3).join('/')
    parts.set(part, (parts.get(part) ?? 0) + bytes)
  }
  return [...parts].map(([part, bytes]) => ({ part, bytes })).sort((a, b) => b.bytes - a.bytes)
}

/**
 * What the service worker downloads in the background after the first page has loaded: the
 * app shell it precaches (the file list the build writes into sw.js: client/service-worker-build.ts).
 * It skips files the browser already has in its HTTP cache.
 */
export function shellTotal(clientDir: string): { files: number; raw: number; gzip: number; brotli: number } {
  const files = shellFiles(clientDir)
  const sizes = files.map((file) => servedSize(clientDir, file))
  const sum = (key: 'raw' | 'gzip' | 'brotli') => sizes.reduce((total, size) => total + size[key], 0)
  return { files: files.length, raw: sum('raw'), gzip: sum('gzip'), brotli: sum('brotli') }
}

/** The files the service worker precaches, relative to the build directory. */
export function shellFiles(clientDir: string): string[] {
  const worker = readFileSync(join(clientDir, 'sw.js'), 'utf8')
  const shell = /^const KOKEILEVA_SHELL = (\{.*?\});$/m.exec(worker)
  if (!shell) throw new Error('sw.js does not start with the shell manifest')
  return (JSON.parse(shell[1]!) as { files: string[] }).files.map((file) => file.replace(/^\//, ''))
}
