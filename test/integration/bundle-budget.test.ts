import { readFileSync } from 'node:fs'
import { describe, expect, inject, it } from 'vitest'
import { CATALOGUE_PARTS } from '../../client/src/i18n/catalogues.ts'
import { firstLoad, modulesByPart, readChunkReport, shellFiles, type Locale } from '../../scripts/build/first-load.ts'

/**
 * What the browser downloads to open a board, read from the build the browser tests serve
 * (dist/client, brought up to date by the global setup) and its chunk report: index.html, the
 * entry, the board's chunk, the strings of one language, with their static imports and CSS,
 * at the sizes the server sends them (scripts/build/first-load.ts).
 */

/**
 * The board's first load as the server sends it to a browser: brotli, which every browser
 * the client is built for accepts on https and localhost (issue 17: at most 250 kB).
 */
const BOARD_BUDGET_BYTES = 250_000
/**
 * The same files gzip-encoded, for a browser that is not offered brotli (Chromium sends
 * `br` only to secure origins: a server on plain http in a LAN gets gzip), held to the same
 * 250 kB. Gzip is about 15 % larger than brotli on this code.
 */
const BOARD_GZIP_BUDGET_BYTES = 250_000

/** Code that a board link must not fetch: it loads when its page, panel or dialog is opened. */
const NOT_ON_A_BOARD: Array<[string, RegExp]> = [
  ['the idea registry and the hub board', /^client\/src\/ideas\//],
  ['the network meeting (digest)', /^client\/src\/digest\//],
  ['the admin page', /^client\/src\/admin\//],
  ['the export panels', /^client\/src\/(exports|board-export)\/(?!register\.ts$)/],
  ['the picture export', /^client\/src\/board\/canvas\/export\//],
  ['the promote dialog', /^client\/src\/promote\/PromoteDialog\.tsx$/],
  ['pdf-lib', /node_modules\/pdf-lib\//],
  ['axe-core (tests only)', /node_modules\/axe-core\//],
  // client/src/board/canvas/konva.ts: Konva's core and the two shapes the board draws.
  [
    'Konva shapes and filters the board does not draw',
    /node_modules\/konva\/lib\/(filters\/|shapes\/(?!(Rect|Text)\.js$))/,
  ],
  ['the start page', /^client\/src\/start\//],
]

const LOCALES: Locale[] = ['en', 'fi', 'sv']

function kB(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} kB`
}

describe('what the browser downloads for a board', () => {
  const dist = inject('clientDist')

  it.each(LOCALES)(
    `a board's first load (%s) is at most ${BOARD_BUDGET_BYTES / 1000} kB with brotli (${BOARD_GZIP_BUDGET_BYTES / 1000} kB with gzip)`,
    (locale) => {
      const load = firstLoad(dist, 'board', locale)
      const detail = [
        `${load.files.length} files: ${kB(load.raw)} raw, ${kB(load.gzip)} gzip, ${kB(load.brotli)} brotli`,
        ...modulesByPart(load.modules)
          .slice(0, 12)
          .map(({ part, bytes }) => `  ${part}: ${kB(bytes)} before minifying`),
      ].join('\n')
      expect(load.brotli, detail).toBeLessThanOrEqual(BOARD_BUDGET_BYTES)
      expect(load.gzip, detail).toBeLessThanOrEqual(BOARD_GZIP_BUDGET_BYTES)
    },
  )

  it.each(LOCALES)(
    "a board's first load (%s) holds the board's code and that language's strings, and nothing of the registry, digest, admin or exports",
    (locale) => {
      const modules = Object.keys(firstLoad(dist, 'board', locale).modules)
      // What a board needs is there (so the sets below are read from the right chunks).
      for (const needed of [
        'client/src/board/BoardPage.tsx',
        `client/src/i18n/${locale}.json`,
        'client/src/board-export/register.ts',
      ]) {
        expect(modules, needed).toContain(needed)
      }
      for (const pkg of ['konva', 'yjs', 'y-websocket', 'react-dom']) {
        expect(
          modules.some((module) => module.includes(`node_modules/${pkg}/`)),
          pkg,
        ).toBe(true)
      }
      const otherLanguages = LOCALES.filter((other) => other !== locale).map(
        (other) => [`the ${other} strings`, new RegExp(`^client/src/i18n/${other}\\.json$`)] as [string, RegExp],
      )
      const leaked = [...NOT_ON_A_BOARD, ...otherLanguages].flatMap(([what, pattern]) =>
        modules.filter((module) => pattern.test(module)).map((module) => `${what}: ${module}`),
      )
      expect(leaked).toEqual([])
    },
  )
  it.each(['board', 'start'] as const)(
    'every message the %s route names in its first load is among the first strings, and none of the further ones load with it',
    (route) => {
      const modules = Object.keys(firstLoad(dist, route, 'en').modules)
      const source = modules
        .filter((module) => /^(client|shared)\/.*\.tsx?$/.test(module))
        .map((module) => readFileSync(module, 'utf8'))
        .join('\n')
      const named = new Set([...source.matchAll(/['"`]([\w-]+(?:\.[\w-]+)+)['"`]/g)].map((match) => match[1]))
      // A key of the further strings named here would show as its key until they arrive.
      expect(Object.keys(CATALOGUE_PARTS.en.more).filter((key) => named.has(key))).toEqual([])
      expect(modules.filter((module) => module.startsWith('client/src/i18n/more/'))).toEqual([])
    },
  )
})

describe('the chunks the client is split into', () => {
  const dist = inject('clientDist')

  it('loads the registry, the hub board, the digest and the admin page as pages of their own', () => {
    const entries = readChunkReport(dist)
      .chunks.filter((chunk) => chunk.isDynamicEntry)
      .map((chunk) => chunk.entry)
    for (const page of [
      'client/src/board/BoardPage.tsx',
      'client/src/ideas/IdeasPage.tsx',
      'client/src/ideas/IdeaPage.tsx',
      'client/src/ideas/board/HubBoardPage.tsx',
      'client/src/digest/DigestPage.tsx',
      'client/src/admin/AdminPage.tsx',
      'client/src/board-export/BoardExportPanel.tsx',
      'client/src/promote/PromoteDialog.tsx',
      'client/src/board/canvas/export/export-picture.ts',
      'client/src/i18n/en.json',
      'client/src/i18n/fi.json',
      'client/src/i18n/sv.json',
    ]) {
      expect(entries, page).toContain(page)
    }
  })

  it('the start page loads neither the board (Konva, Yjs) nor the registry', () => {
    const modules = Object.keys(firstLoad(dist, 'start', 'en').modules)
    expect(modules).toContain('client/src/start/StartPage.tsx')
    for (const pattern of [
      /node_modules\/konva\//,
      /node_modules\/yjs\//,
      /^client\/src\/board\//,
      /^client\/src\/ideas\//,
    ]) {
      expect(
        modules.filter((module) => pattern.test(module)),
        String(pattern),
      ).toEqual([])
    }
  })

  it('the service worker precaches what a board and the start page load, and none of the registry, digest or admin pages', () => {
    const shell = new Set(shellFiles(dist))
    for (const locale of LOCALES) {
      for (const route of ['board', 'start'] as const) {
        const missing = firstLoad(dist, route, locale).files.filter(({ file }) => !shell.has(file))
        expect(missing, `${route} (${locale})`).toEqual([])
      }
    }
    const onlineOnly = readChunkReport(dist).chunks.filter(
      (chunk) => chunk.entry !== null && /^client\/src\/(ideas|digest|admin)\//.test(chunk.entry),
    )
    expect(onlineOnly.length).toBeGreaterThanOrEqual(6)
    expect(onlineOnly.filter((chunk) => shell.has(chunk.file)).map((chunk) => chunk.entry)).toEqual([])
  })
})
