import { cpSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, inject, it } from 'vitest'
import { readChunkReport } from '../../scripts/build/first-load.ts'
import { startServer, tempDataDir, type TestServer } from '../helpers/server.ts'
import { BoardDriver } from './board-driver.ts'
import { browserSkipReason } from './browser.ts'
import { useBrowser } from './suite.ts'

const skipReason = browserSkipReason()
if (skipReason) console.warn(`[e2e] chunks loaded on demand skipped: ${skipReason}`)

/**
 * A copy of the build without the chunks of these modules (and their compressed copies), as
 * after a redeploy that removed the old build's files while a page still runs the old entry.
 */
function buildWithout(...entries: string[]): string {
  const dist = tempDataDir('kokeileva-dist-')
  cpSync(inject('clientDist'), dist, { recursive: true })
  const report = readChunkReport(dist)
  for (const entry of entries) {
    const chunk = report.chunks.find((candidate) => candidate.entry === entry)
    if (!chunk) throw new Error(`no chunk for ${entry}`)
    const [dir, name] = [join(dist, 'assets'), chunk.file.replace(/^assets\//, '')]
    for (const file of readdirSync(dir)) if (file.startsWith(name)) rmSync(join(dir, file))
  }
  return dist
}

/** Pages, panels and languages load as chunks of their own; one that cannot be loaded says so and offers a reload. */
describe.skipIf(skipReason !== null)('chunks loaded on demand', () => {
  const { newContext } = useBrowser()

  it('a board opens and its Download panel loads when opened; a registry page loads on navigation', async () => {
    const server = await startServer({}, { clientDistDir: inject('clientDist') })
    const context = await newContext()
    try {
      const board = await server.createBoard('Chunks')
      const driver = await BoardDriver.open(context, board.links.viewer.replace(/^https?:\/\/[^/]+/, server.url))
      const page = driver.page
      const fetched: string[] = []
      page.on('request', (request) => fetched.push(new URL(request.url()).pathname))
      await page.getByTestId('panel-button-export').click()
      await page
        .getByTestId('panel-export')
        .getByRole('radio', { name: /^Markdown/ })
        .waitFor()
      expect(fetched.some((path) => /\/assets\/BoardExportPanel-[^/]+\.js$/.test(path))).toBe(true)

      await page.goto(`${server.url}/ideas`)
      await page.getByRole('heading', { level: 1 }).first().waitFor()
      expect(await page.getByTestId('chunk-failed').count()).toBe(0)
    } finally {
      // The page first: the registry's event stream would hold the server's close.
      await context.close()
      await server.close()
    }
  })

  it('a page or panel whose chunk is gone from the server shows a notice with a reload button, not a blank page', async () => {
    const dist = buildWithout('client/src/ideas/IdeasPage.tsx', 'client/src/board-export/BoardExportPanel.tsx')
    const server: TestServer = await startServer({}, { clientDistDir: dist })
    const context = await newContext()
    try {
      const board = await server.createBoard('Missing chunks')
      const driver = await BoardDriver.open(context, board.links.viewer.replace(/^https?:\/\/[^/]+/, server.url))
      const page = driver.page
      await page.getByTestId('panel-button-export').click()
      const notice = page.getByTestId('panel-export').getByTestId('chunk-failed')
      await notice.getByText('This part of Kokeileva could not be loaded.').waitFor()
      // The board itself stays: only the panel's place shows the notice.
      await driver.waitForConnection('connected')

      await page.goto(`${server.url}/ideas`)
      const pageNotice = page.getByTestId('chunk-failed')
      await pageNotice.getByRole('button', { name: 'Reload' }).waitFor()
      const reloaded = page.waitForEvent('load')
      await pageNotice.getByRole('button', { name: 'Reload' }).click()
      await reloaded
    } finally {
      // The page first: a request it still has open (the reload's) would hold the server's close.
      await context.close()
      await server.close()
    }
  })

  it("a participant whose language's strings are gone gets a notice in all three languages", async () => {
    const dist = buildWithout('client/src/i18n/fi.json')
    const server = await startServer({}, { clientDistDir: dist })
    const context = await newContext({ locale: 'fi-FI' })
    try {
      const page = await context.newPage()
      await page.goto(`${server.url}/`)
      await page.getByTestId('chunk-failed').getByText('Sovellusta ei voitu ladata', { exact: false }).waitFor()
      await page.getByRole('button', { name: /Reload/ }).waitFor()
    } finally {
      // The page first, as above: a request it still has open would hold the server's close.
      await context.close()
      await server.close()
    }
  })
})
