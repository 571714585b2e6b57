import { describe, expect, it } from 'vitest'
import { updateNotes } from '@shared/board/index.ts'
import { connectClient } from '../helpers/clients.ts'
import { browserSkipReason } from './browser.ts'
import { BoardDriver } from './board-driver.ts'
import { centreOf, disneyBoard, enterPhase, mouseClick, writeAt } from './canvas-helpers.ts'
import { useBrowserAndServer } from './suite.ts'

const skipReason = browserSkipReason()
if (skipReason) console.warn(`[e2e] canvas interaction skipped: ${skipReason}`)

/** Generous for a loaded machine: several browser contexts share two cores. */
const JOURNEY_TIMEOUT_MS = 90_000

/**
 * The controls drawn over the canvas, and a canvas that stays put: the follow and spotlight
 * chips answer a real mouse, a touch and the keyboard; banners, bars and status lines never
 * move the board under the pointer; a double-click acts on what its first click landed on;
 * the session panel's switches have labels one can click.
 */
describe.skipIf(skipReason !== null)('the canvas and the controls over it', () => {
  const suite = useBrowserAndServer()

  it(
    'the follow and spotlight chips work with a mouse, a touch and the keyboard',
    async () => {
      const { fia, links } = await disneyBoard(suite, 'Chips', 0)
      const ben = await BoardDriver.open(await suite.newContext({ hasTouch: true }), links.participant)
      const session = (driver: BoardDriver) => driver.page.evaluate(() => window.kokeileva!.session())

      // "Bring everyone to me", then "Stop bringing everyone along" on the chip, with the mouse.
      await fia.page.getByTestId('follow-toggle').click()
      const leading = fia.page.locator('[data-testid="follow-banner"][data-status="leading"]')
      await leading.waitFor()
      await ben.page.locator('[data-testid="follow-banner"][data-status="following"]').waitFor()
      await mouseClick(fia.page, leading.getByRole('button', { name: 'Stop bringing everyone along' }))
      await expect.poll(async () => (await session(fia)).follow).toBeNull()
      await leading.waitFor({ state: 'detached' })

      // Ben looks around while everyone follows; "Follow again" on his chip, with the mouse.
      await fia.page.getByTestId('follow-toggle').click()
      await ben.page.locator('[data-testid="follow-banner"][data-status="following"]').waitFor()
      const middle = await ben.canvasPoint(0.5, 0.6)
      await ben.page.mouse.move(middle.x, middle.y)
      await ben.page.mouse.wheel(0, 200)
      const lookingAround = ben.page.locator('[data-testid="follow-banner"][data-status="looking-around"]')
      await lookingAround.waitFor()
      await mouseClick(ben.page, lookingAround.getByRole('button', { name: 'Follow again' }))
      await ben.page.locator('[data-testid="follow-banner"][data-status="following"]').waitFor()
      // … and the facilitator stops it with the keyboard.
      await leading.getByRole('button', { name: 'Stop bringing everyone along' }).focus()
      await fia.page.keyboard.press('Enter')
      await expect.poll(async () => (await session(fia)).follow).toBeNull()

      // A spotlight on a zone: Ben hides it on his screen with a tap, the facilitator ends it
      // with the mouse; a second one ends with the keyboard.
      const spotlightDreamer = fia.page.getByRole('button', { name: 'Spotlight the zone Dreamer' })
      await spotlightDreamer.click()
      const benChip = ben.page.getByTestId('spotlight-chip')
      await benChip.waitFor()
      const hide = await centreOf(benChip.getByRole('button', { name: 'Hide' }))
      await ben.page.touchscreen.tap(hide.x, hide.y)
      await benChip.waitFor({ state: 'detached' })
      expect((await session(ben)).spotlight).not.toBeNull()
      const fiaChip = fia.page.getByTestId('spotlight-chip')
      await mouseClick(fia.page, fiaChip.getByRole('button', { name: 'End the spotlight' }))
      await expect.poll(async () => (await session(fia)).spotlight).toBeNull()
      await spotlightDreamer.click()
      await fiaChip.waitFor()
      await fiaChip.getByRole('button', { name: 'End the spotlight' }).focus()
      await fia.page.keyboard.press('Enter')
      await expect.poll(async () => (await session(fia)).spotlight).toBeNull()
    },
    JOURNEY_TIMEOUT_MS,
  )

  it(
    'banners, the vote bar, the timer and the connection status never move the board under the pointer',
    async () => {
      const { fia, people } = await disneyBoard(suite, 'Steady', 1)
      const ben = people[0]!
      await enterPhase(fia, 'Dreamer', [ben])
      await writeAt(ben, { x: 250, y: 600 }, 'Where it was')
      const note = (await ben.notes()).find((n) => n.text === 'Where it was')!
      const canvas = ben.page.getByTestId('board-canvas')
      const box = await canvas.boundingBox()
      const at = await ben.toPage({ x: note.x, y: note.y })
      const steady = async (what: string) => {
        expect(await canvas.boundingBox(), `the canvas after ${what}`).toEqual(box)
        const now = await ben.toPage({ x: note.x, y: note.y })
        expect(Math.abs(now.x - at.x) + Math.abs(now.y - at.y), `the note after ${what}`).toBeLessThan(1)
      }
      const panel = fia.page.getByTestId('panel-session')

      await panel.getByTestId('lock-switch').click()
      await ben.page.getByTestId('locked-banner').waitFor()
      await steady('the lock banner')
      await panel.getByTestId('lock-switch').click()
      await ben.page.getByTestId('locked-banner').waitFor({ state: 'detached' })
      await steady('the lock banner went')

      await panel.getByTestId('silent-switch').click()
      await ben.page.getByTestId('silent-banner').waitFor()
      await steady('the silent banner')
      await panel.getByTestId('silent-switch').click()
      await ben.page.getByTestId('silent-banner').waitFor({ state: 'detached' })

      // The timer runs out: 30 seconds set, then a minute taken off.
      await panel.getByLabel('Set the timer (minutes)').fill('0.5')
      await panel.getByRole('button', { name: 'Set', exact: true }).click()
      await fia.page.getByTestId('phase-bar').getByRole('button', { name: 'Start the timer' }).click()
      await panel.getByRole('button', { name: 'Take off 1 min' }).click()
      await ben.page.locator('[data-testid="timer"][data-status="ended"]').waitFor()
      await steady('the end of the timer')

      await panel.getByTestId('voting-open').click()
      await ben.page.getByTestId('vote-bar').waitFor()
      await steady('the vote bar')
      await panel.getByTestId('voting-close').click()
      await ben.page.getByTestId('vote-bar').waitFor({ state: 'detached' })
      await steady('the vote bar went')

      await ben.page.context().setOffline(true)
      await ben.waitForConnection('offline')
      await steady('going offline')
      // A note written offline: the header says it is not saved yet.
      await canvas.focus()
      await ben.page.keyboard.press('n')
      await ben.page.keyboard.type('Written offline')
      await ben.page.keyboard.press('Escape')
      await ben.page.locator('[data-testid="save-status"][data-state="offline-unsaved"]').waitFor()
      await steady('"not saved yet"')
      await ben.page.context().setOffline(false)
      await ben.waitForConnection('connected')
      await steady('coming back')
    },
    JOURNEY_TIMEOUT_MS,
  )

  it(
    'a double-click acts on what was under the pointer at its first click',
    async () => {
      const board = await suite.server.createBoard('Two clicks')
      const ben = await BoardDriver.open(await suite.newContext(), suite.local(board.links.participant))
      const other = connectClient(suite.server.syncUrl, board.id, board.tokens.facilitator)
      suite.onCleanup(() => other.destroy())
      await other.synced()
      const promoted = await ben.createNote(0.8, 0.8, 'Promoted idea')
      const empty = await ben.canvasPoint(0.25, 0.3)

      // Ben's first click lands on empty canvas; before his second, someone moves a note there.
      await ben.page.mouse.move(empty.x, empty.y)
      await ben.page.mouse.down({ clickCount: 1 })
      await ben.page.mouse.up({ clickCount: 1 })
      const target = await ben.page.evaluate(({ x, y }) => {
        const canvas = document.querySelector('[data-testid="board-canvas"]')!.getBoundingClientRect()
        const view = window.kokeileva!.viewport()
        return { x: (x - canvas.left - view.x) / view.scale, y: (y - canvas.top - view.y) / view.scale }
      }, empty)
      updateNotes(other.doc, new Map([[promoted.id, { x: Math.round(target.x - 80), y: Math.round(target.y - 80) }]]))
      await ben.waitForNotes((notes) => notes.some((n) => n.id === promoted.id && n.x !== promoted.x))
      await ben.page.mouse.down({ clickCount: 2 })
      await ben.page.mouse.up({ clickCount: 2 })

      // A new note where he aimed, not the moved note, takes what he types.
      await ben.page.getByRole('textbox', { name: 'Note text' }).waitFor()
      await ben.page.keyboard.type('My own thought')
      await ben.page.keyboard.press('Escape')
      const notes = await ben.waitForNotes((list) => list.some((n) => n.text === 'My own thought'))
      expect(notes.find((n) => n.id === promoted.id)?.text).toBe('Promoted idea')
      expect(notes).toHaveLength(2)
    },
    JOURNEY_TIMEOUT_MS,
  )

  it('the lock and silent switches turn on and off by their labels', async () => {
    const { fia } = await disneyBoard(suite, 'Labels', 0)
    const panel = fia.page.getByTestId('panel-session')
    const session = () => fia.page.evaluate(() => window.kokeileva!.session())
    await mouseClick(fia.page, panel.getByText('Lock the board', { exact: true }))
    await expect.poll(async () => (await session()).locked).toBe(true)
    await mouseClick(fia.page, panel.getByText('Silent mode', { exact: true }))
    await expect.poll(async () => (await session()).silent).toBe(true)
    await mouseClick(fia.page, panel.getByText('Lock the board', { exact: true }))
    await expect.poll(async () => (await session()).locked).toBe(false)
    expect(await panel.getByRole('switch', { name: 'Silent mode' }).getAttribute('aria-checked')).toBe('true')
  })
})
