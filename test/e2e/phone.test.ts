import { describe, expect, it } from 'vitest'
import type { CDPSession, Page } from 'playwright-core'
import { createNote } from '@shared/board/index.ts'
import { connectClient } from '../helpers/clients.ts'
import { promote } from '../helpers/ideas.ts'
import { eventually } from '../helpers/poll.ts'
import { axeViolations, describeViolations, seriousOrCritical } from './axe.ts'
import { BoardDriver } from './board-driver.ts'
import { browserSkipReason } from './browser.ts'
import { useBrowserAndServer } from './suite.ts'

const skipReason = browserSkipReason()
if (skipReason) console.warn(`[e2e] phone journey skipped: ${skipReason}`)

const PHONE = { width: 390, height: 844 }
const JOURNEY_TIMEOUT_MS = 120_000

const scrollWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth)
const viewport = (page: Page) => page.evaluate(() => window.kokeileva!.viewport())
const selection = (page: Page) => page.evaluate(() => window.kokeileva?.selection() ?? [])

type TouchPoint = { x: number; y: number; id?: number }

/** Raw touches through the DevTools protocol: the browser makes touch pointer events of them. */
async function touch(cdp: CDPSession, type: 'touchStart' | 'touchMove' | 'touchEnd', points: TouchPoint[]) {
  await cdp.send('Input.dispatchTouchEvent', {
    type,
    touchPoints: points.map((point, index) => ({ x: point.x, y: point.y, id: point.id ?? index })),
  })
}

/**
 * A participant on a 390×844 phone: the page fits without sideways scrolling, the header folds
 * into a menu, the phase and tools take at most a third of the height and fold away, the board
 * opens on the open zone with readable text, and double tap, long press and pinch work.
 */
describe.skipIf(skipReason !== null)('on a phone', () => {
  const suite = useBrowserAndServer()

  it(
    'the board fits the screen and answers to a finger; the registry and an idea page fit too',
    async () => {
      const board = await suite.server.createBoard('Kirjaston aukiolo', 'disney')
      const writer = connectClient(suite.server.syncUrl, board.id, board.tokens.facilitator)
      suite.onCleanup(() => writer.destroy())
      await writer.synced()
      const first = createNote(writer.doc, {
        text: 'Sunnuntaisin auki',
        x: 40,
        y: 60,
        color: '#fde68a',
        zone: 'focus',
        authorId: 'p1',
        authorName: 'Aino',
      })

      const context = await suite.newContext({ locale: 'fi-FI', hasTouch: true })
      const page = await context.newPage()
      await page.setViewportSize(PHONE)
      await page.goto(suite.local(board.links.participant))
      const ben = new BoardDriver(page)
      await ben.waitForConnection('connected')
      await ben.waitForNotes((notes) => notes.length === 1)
      await page.getByTestId('phase-bar').waitFor()
      // The name card a participant gets on joining sits over the canvas until it is answered.
      await ben.skipNamePrompt()

      // No sideways scrolling; the header's controls are in a menu.
      expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width)
      expect(await page.getByTestId('header-menu').isVisible()).toBe(false)
      await page.getByTestId('header-menu-toggle').tap()
      await page.getByTestId('header-menu').waitFor({ state: 'visible' })
      expect(await page.getByTestId('panel-button-notes').isVisible()).toBe(true)
      expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width)
      const failing = seriousOrCritical(await axeViolations(page))
      expect(failing, describeViolations(failing)).toEqual([])
      await page.getByTestId('header-menu-toggle').tap()

      // The phase, the timer and the toolbar: at most a third of the height, and they fold.
      const strips = page.getByTestId('board-strips')
      expect((await strips.boundingBox())!.height).toBeLessThanOrEqual(PHONE.height / 3)
      await page.getByTestId('strips-toggle').tap()
      await expect.poll(async () => (await strips.boundingBox())!.height).toBeLessThan(50)
      await page.getByTestId('strips-toggle').tap()

      // The board opens on the zone open in this phase (the Goal), at a readable zoom.
      const opening = await viewport(page)
      expect(opening.scale).toBeGreaterThanOrEqual(0.6)
      // Read once the strips have unfolded and the view is fitted to the canvas they leave.
      await expect
        .poll(
          async () => {
            const goalCorner = await ben.toPage({ x: 0, y: 0 })
            const canvas = (await page.getByTestId('board-canvas').boundingBox())!
            return goalCorner.x >= canvas.x && goalCorner.y >= canvas.y && goalCorner.y < canvas.y + canvas.height / 2
          },
          { message: 'the Goal zone in the upper half of the canvas' },
        )
        .toBe(true)
      const canvas = (await page.getByTestId('board-canvas').boundingBox())!

      // A double tap on the open zone writes a new note; the editor brings it to 100 %.
      const cdp = await context.newCDPSession(page)
      const spot = await ben.toPage({ x: 300, y: 170 })
      await page.touchscreen.tap(spot.x, spot.y)
      await page.touchscreen.tap(spot.x, spot.y)
      const editor = page.getByRole('textbox', { name: 'Lapun teksti' })
      await editor.waitFor()
      expect((await viewport(page)).scale).toBeGreaterThanOrEqual(1)
      await page.keyboard.type('Iltaisin yhdeksään')
      await page.keyboard.press('Escape')
      const notes = await ben.waitForNotes((list) => list.some((note) => note.text === 'Iltaisin yhdeksään'))
      const second = notes.find((note) => note.text === 'Iltaisin yhdeksään')!

      // A long press chooses a note, taps add more: both selected, for a group action.
      const at = async (id: string) => {
        const note = (await ben.note(id))!
        return ben.toPage({ x: note.x + note.width / 2, y: note.y + note.height / 2 })
      }
      const pressAt = await at(second.id)
      await touch(cdp, 'touchStart', [pressAt])
      await expect.poll(() => selection(page)).toEqual([second.id])
      await page.getByTestId('choosing-banner').waitFor()
      await touch(cdp, 'touchEnd', [])
      const firstAt = await at(first)
      // The first note is on screen beside it (the editor zoomed to 100 % around the second).
      expect(firstAt.x).toBeGreaterThan(0)
      expect(firstAt.y).toBeGreaterThan(canvas.y)
      await page.touchscreen.tap(firstAt.x, firstAt.y)
      await expect.poll(async () => (await selection(page)).sort()).toEqual([first, second.id].sort())
      // A tap on empty canvas ends choosing.
      const empty = await ben.toPage({ x: second.x + second.width + 60, y: second.y + second.height + 60 })
      await page.touchscreen.tap(empty.x, empty.y)
      await expect.poll(() => selection(page)).toEqual([])
      expect(await page.getByTestId('choosing-banner').count()).toBe(0)

      // Two fingers apart zoom in.
      const before = (await viewport(page)).scale
      const middle = { x: canvas.x + canvas.width / 2, y: canvas.y + canvas.height / 2 }
      await touch(cdp, 'touchStart', [
        { x: middle.x - 30, y: middle.y, id: 1 },
        { x: middle.x + 30, y: middle.y, id: 2 },
      ])
      for (let step = 1; step <= 5; step++) {
        await touch(cdp, 'touchMove', [
          { x: middle.x - 30 - step * 15, y: middle.y, id: 1 },
          { x: middle.x + 30 + step * 15, y: middle.y, id: 2 },
        ])
      }
      await touch(cdp, 'touchEnd', [])
      await expect.poll(async () => (await viewport(page)).scale).toBeGreaterThan(before * 1.5)
      expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width)

      // The registry and an idea page fit the same width.
      let ideaId = ''
      await eventually(async () => {
        const made = await promote(suite.server, board, { noteIds: [first] })
        expect(made.status).toBeLessThan(300)
        ideaId = made.body.id
      })
      await page.goto(`${suite.server.url}/ideas`)
      await page.getByTestId('idea-list').waitFor()
      expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width)
      await page.goto(`${suite.server.url}/ideas/${ideaId}`)
      await page.getByRole('heading', { level: 1, name: 'Sunnuntaisin auki' }).waitFor()
      expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width)
    },
    JOURNEY_TIMEOUT_MS,
  )
})
