import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { PDFDocument } from 'pdf-lib'
import type { NoteData, ZoneData } from '@shared/board/index.ts'
import { disneyBoard } from '../helpers/disney-board.ts'
import { BoardDriver } from './board-driver.ts'
import { browserSkipReason } from './browser.ts'
import { countColours, cropPicture, pngSize, readText, rgb, tesseractSkipReason } from './picture-check.ts'
import { useBrowserAndServer } from './suite.ts'

const skipReason = browserSkipReason()
if (skipReason) console.warn(`[e2e] board pictures skipped: ${skipReason}`)
const ocrSkipReason = tesseractSkipReason()
if (ocrSkipReason) console.warn(`[e2e] reading the board pictures' text skipped: ${ocrSkipReason}`)

/** Pixels per board unit of an export, and the blank board around a whole-board picture. */
const SCALE = 2
const BOARD_MARGIN = 40
const ZONE_MARGIN = 20
/** Editing chrome's colours: the selection, an open zone's edge. */
const SELECTION = rgb('#2563eb')
const OPEN_EDGE = rgb('#16a34a')

type Box = { x: number; y: number; width: number; height: number }

function boundsOf(rects: readonly Box[]): Box {
  const left = Math.min(...rects.map((rect) => rect.x))
  const top = Math.min(...rects.map((rect) => rect.y))
  const right = Math.max(...rects.map((rect) => rect.x + rect.width))
  const bottom = Math.max(...rects.map((rect) => rect.y + rect.height))
  return { x: left, y: top, width: right - left, height: bottom - top }
}

function grown(rect: Box, margin: number): Box {
  return { x: rect.x - margin, y: rect.y - margin, width: rect.width + 2 * margin, height: rect.height + 2 * margin }
}

/** Where a board rectangle is in a picture of `area` drawn at SCALE. */
function inPicture(rect: Box, area: Box): Box {
  return {
    x: Math.round((rect.x - area.x) * SCALE),
    y: Math.round((rect.y - area.y) * SCALE),
    width: Math.round(rect.width * SCALE),
    height: Math.round(rect.height * SCALE),
  }
}

/** Picks a format (and options) in the Download panel, downloads, and returns the file. */
async function downloadPicture(
  driver: BoardDriver,
  format: 'Picture (PNG)' | 'PDF',
  area?: string,
): Promise<{ name: string; bytes: Buffer }> {
  const panel = driver.page.getByTestId('panel-export')
  if (!(await panel.isVisible())) await driver.page.getByTestId('panel-button-export').click()
  await panel.getByRole('radio', { name: new RegExp(`^${format.replace(/[()]/g, '\\$&')}`) }).check()
  if (area) await panel.getByLabel('What the picture shows').selectOption({ label: area })
  const download = driver.page.waitForEvent('download', { timeout: 60_000 })
  await panel.getByRole('button', { name: 'Download', exact: true }).click()
  const file = await download
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) }
}

async function readableIn(driver: BoardDriver, picture: Buffer, note: NoteData, area: Box): Promise<string> {
  const crop = await cropPicture(driver.page, picture, inPicture(note, area))
  return readText(crop)
}

describe.skipIf(skipReason !== null)('the board as a picture and a document', () => {
  const suite = useBrowserAndServer()
  const { newContext, local: link } = suite

  it('the whole board as a PNG at twice its size, without editing chrome, every note readable; one zone; loaded only when asked for', async () => {
    const made = await disneyBoard(suite.server, 20)
    suite.onCleanup(() => made.facilitator.destroy())
    const driver = await BoardDriver.open(await newContext(), link(made.board.links.facilitator))
    const notes = await driver.waitForNotes((list) => list.length === made.noteIds.length)
    const zones: ZoneData[] = await driver.page.evaluate(() => window.kokeileva!.zones())
    // The live canvas carries chrome: a selected note, and zones marked open or closed in this phase.
    const sundays = notes.find((note) => note.text === 'Library open on Sundays' && note.zone === 'focus')!
    const at = await driver.toPage({ x: sundays.x + 20, y: sundays.y + 20 })
    await driver.page.mouse.click(at.x, at.y)
    await expect.poll(() => driver.page.evaluate(() => window.kokeileva!.selection())).toEqual([sundays.id])
    const screen = await driver.page.getByTestId('board-canvas').screenshot()
    const [selectionOnScreen, openOnScreen] = await countColours(driver.page, screen, [SELECTION, OPEN_EDGE])
    expect(selectionOnScreen).toBeGreaterThan(50)
    expect(openOnScreen).toBeGreaterThan(50)

    const loadedBefore = await driver.page.evaluate(() =>
      performance.getEntriesByType('resource').filter((entry) => entry.name.includes('export-picture')),
    )
    expect(loadedBefore).toEqual([])
    const png = await downloadPicture(driver, 'Picture (PNG)')
    expect(png.name).toBe('Library week.png')
    // The drawing code came with the first picture, and drew in a worker, off the page's thread.
    const loaded = await driver.page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name))
    expect(loaded.some((name) => name.includes('export-picture'))).toBe(true)
    expect(loaded.some((name) => name.includes('picture-worker'))).toBe(true)

    const board = grown(boundsOf([...zones, ...notes]), BOARD_MARGIN)
    expect(pngSize(png.bytes)).toEqual({ width: board.width * SCALE, height: board.height * SCALE })
    const [selection, open] = await countColours(driver.page, png.bytes, [SELECTION, OPEN_EDGE])
    expect(selection, 'selection pixels').toBe(0)
    expect(open, 'open-zone edge pixels').toBe(0)
    await expect.poll(() => driver.page.getByTestId('picture-status').textContent()).toContain('Library week.png')

    if (!ocrSkipReason) {
      expect(await readableIn(driver, png.bytes, sundays, board)).toContain('library open on sundays')
      const summer = notes.find((note) => note.text === 'Summer jobs for teenagers')!
      expect(await readableIn(driver, png.bytes, summer, board)).toContain('summer jobs for teenagers')
      // No "Open: write here" / "Closed in this phase" labels in the title bars.
      for (const zone of zones.filter((candidate) => ['focus', 'critic'].includes(candidate.id))) {
        const bar = await cropPicture(driver.page, png.bytes, inPicture({ ...zone, height: 60 }, board))
        const words = readText(bar)
        expect(words, `title bar of ${zone.id}`).not.toMatch(/open|closed|write here/)
      }
    }

    // One zone, with its own margin.
    const critic = zones.find((zone) => zone.id === 'critic')!
    const zonePng = await downloadPicture(driver, 'Picture (PNG)', 'Critic')
    expect(zonePng.name).toBe('Library week - Critic.png')
    const zoneArea = grown(critic, ZONE_MARGIN)
    expect(pngSize(zonePng.bytes)).toEqual({ width: zoneArea.width * SCALE, height: zoneArea.height * SCALE })
    if (!ocrSkipReason) {
      const buses = notes.find((note) => note.text === 'Night buses on weekdays' && note.zone === 'critic')!
      expect(await readableIn(driver, zonePng.bytes, buses, zoneArea)).toContain('night buses on weekdays')
    }
  }, 90_000)

  it('a PDF with a page for the whole board and one for each zone', async () => {
    const made = await disneyBoard(suite.server, 20)
    suite.onCleanup(() => made.facilitator.destroy())
    const driver = await BoardDriver.open(await newContext(), link(made.board.links.participant))
    await driver.waitForNotes((list) => list.length === made.noteIds.length)
    const pdf = await downloadPicture(driver, 'PDF')
    expect(pdf.name).toBe('Library week.pdf')
    const document = await PDFDocument.load(pdf.bytes)
    expect(document.getPageCount()).toBe(1 + made.zones.length)
    expect(document.getTitle()).toBe('Library week')
    expect(pdf.bytes.toString('latin1').match(/\/Subtype \/Image/g)).toHaveLength(1 + made.zones.length)
    await expect.poll(() => driver.page.getByTestId('picture-status').textContent()).toContain('6 pages')
  })

  it('a large board draws with progress, and Cancel stops it without a download', async () => {
    const made = await disneyBoard(suite.server, 200, { grow: true })
    suite.onCleanup(() => made.facilitator.destroy())
    const driver = await BoardDriver.open(await newContext(), link(made.board.links.participant))
    await driver.waitForNotes((list) => list.length === made.noteIds.length)
    // A slow laptop: the drawing takes long enough to watch and to cancel.
    const cdp = await driver.page.context().newCDPSession(driver.page)
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 20 })
    let downloads = 0
    driver.page.on('download', () => downloads++)
    const panel = driver.page.getByTestId('panel-export')
    await driver.page.getByTestId('panel-button-export').click()
    await panel.getByRole('radio', { name: /^PDF/ }).check()
    await panel.getByRole('button', { name: 'Download', exact: true }).click()
    const progress = panel.getByTestId('picture-progress')
    await progress.waitFor()
    // Under 20x throttling the first page takes seconds to draw (the worker is fetched first).
    await expect.poll(async () => Number(await progress.getAttribute('value')), { timeout: 30_000 }).toBeGreaterThan(0)
    await panel.getByRole('button', { name: 'Cancel' }).click()
    await expect
      .poll(() => panel.getByTestId('picture-status').textContent(), { timeout: 20_000 })
      .toContain('Cancelled')
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 })
    expect(downloads).toBe(0)
    // The page is still the board's: it answers at once.
    expect(await driver.page.evaluate(() => window.kokeileva!.notes().length)).toBe(made.noteIds.length)
  }, 90_000)
})
