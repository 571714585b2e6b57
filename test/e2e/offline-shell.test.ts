import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { brotliCompressSync, gzipSync } from 'node:zlib'
import { join } from 'node:path'
import { describe, expect, inject, it } from 'vitest'
import type { Page } from 'playwright-core'
import { listNotes } from '@shared/board/index.ts'
import { connectClient } from '../helpers/clients.ts'
import { eventually } from '../helpers/poll.ts'
import { startServer, tempDataDir, type TestServer } from '../helpers/server.ts'
import { browserSkipReason } from './browser.ts'
import { BoardDriver } from './board-driver.ts'
import { useBrowser } from './suite.ts'

const skipReason = browserSkipReason()
if (skipReason) console.warn(`[e2e] offline app shell skipped: ${skipReason}`)

const JOURNEY_TIMEOUT_MS = 120_000
/** A reload on a busy machine boots the whole app again: allow it longer than a sync. */
const RELOAD_MS = 20_000

/** Waits until a service worker has cached the shell and controls the page. */
async function shellReady(page: Page): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? 'none'), { timeout: 15_000 })
    .toBe('activated')
}

/** The names of the caches of the page's origin (only listed: opening one would make it anew). */
function cacheNames(page: Page): Promise<string[]> {
  return page.evaluate(() => caches.keys())
}

/** The Cache Storage of the page's origin: cache name → the paths it holds. */
function cachedPaths(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(async () => {
    const out: Record<string, string[]> = {}
    for (const name of await caches.keys()) {
      const requests = await (await caches.open(name)).keys()
      out[name] = requests.map((request) => new URL(request.url).pathname).sort()
    }
    return out
  })
}

/** The app shell on the device: a reload while the server is down still opens the board. */
describe.skipIf(skipReason !== null)('the app shell on the device (service worker)', () => {
  const { newContext } = useBrowser()

  it(
    'a reload while the server is down opens the board from the device, keeps an edit made meanwhile, and sends it once the server is back',
    async () => {
      const dataDir = tempDataDir()
      let server: TestServer = await startServer({}, { dataDir, clientDistDir: inject('clientDist') })
      const port = Number(new URL(server.url).port)
      try {
        const board = await server.createBoard('Offline workshop')
        const url = board.links.participant.replace(/^https?:\/\/[^/]+/, server.url)
        const aino = await BoardDriver.open(await newContext(), url)
        const online = await aino.createNote(0.3, 0.5, 'written online')
        await shellReady(aino.page)

        // The worker file is never cached by HTTP caches; the shell holds the build only.
        const worker = await fetch(`${server.url}/sw.js`)
        expect(worker.headers.get('cache-control')).toBe('no-cache')
        expect(worker.headers.get('content-type')).toMatch(/javascript/)
        const shell = await cachedPaths(aino.page)
        expect(Object.keys(shell)).toHaveLength(1)
        const paths = Object.values(shell)[0]!
        expect(paths).toContain('/index.html')
        for (const path of paths) expect(path === '/index.html' || path.startsWith('/assets/'), path).toBe(true)

        await server.close()
        await aino.waitForConnection('reconnecting')
        await aino.page.reload()
        await aino.waitForNotes(
          (notes) => notes.some((n) => n.id === online.id && n.text === 'written online'),
          RELOAD_MS,
        )
        await aino.waitForConnection('unreachable')
        const offline = await aino.createNote(0.7, 0.5, 'written while the server was down')
        await aino.page.locator('[data-testid="save-status"][data-local="kept"]').waitFor()
        // Still down: another reload keeps both.
        await aino.page.reload()
        await aino.waitForNotes(
          (notes) => [online.id, offline.id].every((id) => notes.some((n) => n.id === id)),
          RELOAD_MS,
        )

        server = await startServer({}, { dataDir, port, clientDistDir: inject('clientDist') })
        await aino.waitForConnection('connected')
        const check = connectClient(server.syncUrl, board.id, board.tokens.viewer)
        await check.synced()
        await eventually(() =>
          expect(
            listNotes(check.doc)
              .map((n) => n.text)
              .sort(),
          ).toEqual(['written online', 'written while the server was down']),
        )
        check.destroy()
      } finally {
        await server.close()
      }
    },
    JOURNEY_TIMEOUT_MS,
  )

  it(
    'picks up a new deploy: the page from the network at once, then a new worker whose cache replaces the old one',
    async () => {
      // A copy of the build to deploy over.
      const dist = tempDataDir('kokeileva-dist-')
      cpSync(inject('clientDist'), dist, { recursive: true })
      const server = await startServer({}, { clientDistDir: dist })
      let closed = false
      const stop = async () => {
        if (!closed) await server.close()
        closed = true
      }
      try {
        const page = await (await newContext()).newPage()
        await page.goto(`${server.url}/`)
        await page.getByRole('heading', { name: 'Create a board' }).waitFor()
        await shellReady(page)
        const [first] = await cacheNames(page)
        expect(first).toMatch(/^kokeileva-shell-[0-9a-f]{16}$/)

        // The next deploy: a changed index.html and its worker, with a version of its own.
        const indexFile = join(dist, 'index.html')
        const marked = '<meta name="kokeileva-deploy" content="2" />'
        deploy(indexFile, readFileSync(indexFile, 'utf8').replace('<title>', `${marked}<title>`))
        const workerFile = join(dist, 'sw.js')
        const worker = readFileSync(workerFile, 'utf8')
        expect(worker).toMatch(/"version":"[0-9a-f]{16}"/)
        deploy(workerFile, worker.replace(/"version":"[0-9a-f]{16}"/, '"version":"deploy2"'))

        await page.reload()
        expect(await page.locator('meta[name="kokeileva-deploy"]').count()).toBe(1)
        // The new worker fetches the whole shell before it takes over and clears the old cache:
        // 15 s was once not enough with the e2e folder's two browsers busy.
        await expect
          .poll(async () => Object.keys(await cachedPaths(page)), { timeout: 30_000 })
          .toEqual(['kokeileva-shell-deploy2'])

        // Offline, the page comes from the new shell.
        await stop()
        await page.reload()
        await page.getByRole('heading', { name: 'Create a board' }).waitFor({ timeout: RELOAD_MS })
        expect(await page.locator('meta[name="kokeileva-deploy"]').count()).toBe(1)
      } finally {
        await stop()
      }
    },
    JOURNEY_TIMEOUT_MS,
  )
})

/** Writes a file of a new deploy with its brotli and gzip copies, as the build makes them. */
function deploy(file: string, content: string): void {
  writeFileSync(file, content)
  writeFileSync(`${file}.br`, brotliCompressSync(content))
  writeFileSync(`${file}.gz`, gzipSync(content))
}
