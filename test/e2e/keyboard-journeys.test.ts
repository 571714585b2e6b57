import { describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import type { ZoneData } from '@shared/board/index.ts'
import { api } from '../helpers/ideas.ts'
import { BoardDriver } from './board-driver.ts'
import { browserSkipReason } from './browser.ts'
import { useBrowserAndServer } from './suite.ts'

const skipReason = browserSkipReason()
if (skipReason) console.warn(`[e2e] keyboard journeys skipped: ${skipReason}`)

/** About 15 s on a quiet machine; room for a loaded one. */
const JOURNEY_TIMEOUT_MS = 120_000

/** Presses Enter on a control, as a keyboard user who tabbed to it does. */
async function activate(control: Locator): Promise<void> {
  await control.focus()
  await control.page().keyboard.press('Enter')
}

const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null)
const selection = (page: Page) => page.evaluate(() => window.kokeileva?.selection() ?? [])
const zones = (page: Page): Promise<ZoneData[]> => page.evaluate(() => window.kokeileva?.zones() ?? [])

/**
 * A whole session from the keyboard alone (no mouse event is sent): the skip link, writing,
 * editing, moving and resizing notes, the colour radio group, choosing several notes in the
 * Notes panel and promoting them, voting from the panel, and the facilitator's controls —
 * zones selected, moved, resized, renamed and deleted, the phase moved on and the timer.
 */
describe.skipIf(skipReason !== null)('keyboard-only journeys', () => {
  const suite = useBrowserAndServer()

  it(
    'a facilitator runs a Disney board with the keyboard only',
    async () => {
      const board = await suite.server.createBoard('Keyboard workshop', 'disney')
      const fia = await BoardDriver.open(await suite.newContext(), suite.local(board.links.facilitator))
      const { page } = fia
      await page.getByTestId('phase-bar').waitFor()

      // The first Tab reaches the skip link, which takes focus to the canvas.
      await page.keyboard.press('Tab')
      expect(await focusedTestId(page)).toBe('skip-link')
      await page.keyboard.press('Enter')
      expect(await focusedTestId(page)).toBe('board-canvas')

      // N writes a note in the open zone (the Goal), Escape ends editing; Enter edits it again.
      await page.keyboard.press('n')
      await page.getByRole('textbox', { name: 'Note text' }).waitFor()
      await page.keyboard.type('Open on Sundays')
      await page.keyboard.press('Escape')
      const [first] = await fia.waitForNotes((notes) => notes.length === 1 && notes[0]!.text === 'Open on Sundays')
      expect(first!.zone).toBe('focus')
      expect(await focusedTestId(page)).toBe('board-canvas')
      await page.keyboard.press('Enter')
      await page.keyboard.type(' and evenings')
      await page.keyboard.press('Escape')
      await fia.waitForNotes((notes) => notes[0]?.text === 'Open on Sundays and evenings')

      // Arrows move it, Alt+arrows resize it.
      await page.keyboard.press('ArrowRight')
      await page.keyboard.press('ArrowRight')
      await page.keyboard.press('Alt+ArrowRight')
      await page.keyboard.press('Alt+ArrowDown')
      await fia.waitForNotes(
        (notes) =>
          notes[0]!.x === first!.x + 20 && notes[0]!.width === first!.width + 10 && notes[0]!.height > first!.height,
      )

      // The colour swatches are one tab stop; arrows choose (and recolour the selected note).
      const radios = page.getByRole('radiogroup', { name: 'Note colour' }).getByRole('radio')
      expect(await radios.evaluateAll((all) => all.filter((radio) => radio.tabIndex === 0).length)).toBe(1)
      await page.getByRole('radio', { checked: true }).focus()
      await page.keyboard.press('ArrowRight')
      expect(await radios.evaluateAll((all) => all.filter((radio) => radio.tabIndex === 0).length)).toBe(1)
      const chosen = await page.getByRole('radio', { checked: true }).getAttribute('aria-label')
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(chosen)
      await fia.waitForNotes((notes) => notes[0]!.color !== first!.color)

      // A second note, then both chosen in the Notes panel and promoted together.
      await page.getByTestId('board-canvas').focus()
      await page.keyboard.press('n')
      await page.keyboard.type('A reading café')
      await page.keyboard.press('Escape')
      await fia.waitForNotes((notes) => notes.length === 2 && notes.some((note) => note.text === 'A reading café'))
      // Escape again clears the selection (the new note was selected).
      await page.keyboard.press('Escape')
      expect(await selection(page)).toEqual([])
      // No tab stop is hidden off-screen (the old list of notes in view had one per note).
      const hiddenStops = await page.evaluate(
        () => document.querySelectorAll('.visually-hidden :is(a, button, input, select, textarea, [tabindex])').length,
      )
      expect(hiddenStops).toBe(0)
      await activate(page.getByTestId('panel-button-notes'))
      const panel = page.getByTestId('notes-panel')
      await expect
        .poll(() => panel.getByRole('heading', { level: 3 }).first().textContent())
        .toBe('Goal — open in this phase (notes: 2)')
      // Every zone of the board is listed, open or closed in this phase.
      expect(await panel.getByTestId('notes-zone').count()).toBe(5)
      await panel.getByRole('checkbox', { name: /Choose: Open on Sundays/ }).focus()
      await page.keyboard.press('Space')
      await panel.getByRole('checkbox', { name: /Choose: A reading café/ }).focus()
      await page.keyboard.press('Space')
      await expect.poll(() => selection(page).then((ids) => ids.length)).toBe(2)
      await activate(page.getByRole('button', { name: 'Promote to idea' }))
      const dialog = page.getByRole('dialog', { name: 'Promote to the idea registry' })
      await activate(dialog.getByRole('button', { name: 'Promote', exact: true }))
      await expect
        .poll(async () => (await api<{ total: number }>(suite.server, 'GET', '/api/ideas')).body.total)
        .toBe(1)
      await page.keyboard.press('Escape')

      // Zones: Z steps to a zone and selects it (so does the Notes panel); arrows move it with its notes, Alt+arrows
      // resize it, Enter renames it and Delete removes it (its notes stay).
      await page.getByTestId('board-canvas').focus()
      await page.keyboard.press('z')
      await expect
        .poll(() => page.evaluate(() => window.kokeileva?.selectedZone()))
        .toMatch(/^(dreamer|realist|critic)$/)
      // The Notes panel selects a zone by name.
      await activate(panel.getByRole('button', { name: 'Select the zone Goal' }))
      await expect.poll(() => page.evaluate(() => window.kokeileva?.selectedZone())).toBe('focus')
      await page.getByTestId('board-canvas').focus()
      const goal = (await zones(page)).find((zone) => zone.id === 'focus')!
      await page.keyboard.press('ArrowDown')
      await page.keyboard.press('Alt+ArrowLeft')
      await expect
        .poll(async () => {
          const zone = (await zones(page)).find((candidate) => candidate.id === 'focus')!
          return [zone.y - goal.y, zone.width - goal.width]
        })
        .toEqual([10, -10])
      await fia.waitForNotes((notes) => notes.every((note) => note.y === first!.y + 10))
      await page.keyboard.press('Enter')
      const titleEditor = page.getByRole('textbox', { name: /zone|title/i })
      await titleEditor.waitFor()
      await titleEditor.fill('Our goal')
      await page.keyboard.press('Enter')
      await expect.poll(async () => (await zones(page)).find((zone) => zone.id === 'focus')?.title).toBe('Our goal')
      await page.getByTestId('board-canvas').focus()
      await page.keyboard.press('Delete')
      const confirm = page.getByRole('dialog')
      await confirm.waitFor()
      await activate(confirm.getByRole('button', { name: /delete/i }))
      await expect.poll(async () => (await zones(page)).some((zone) => zone.id === 'focus')).toBe(false)
      expect(await fia.notes()).toHaveLength(2)

      // The phase moves on and the timer starts from the keyboard; the change is announced.
      await activate(page.getByRole('button', { name: 'Next: Dreamer' }))
      await expect.poll(() => page.getByTestId('phase-title').textContent()).toBe('Dreamer')
      await expect
        .poll(() => page.getByTestId('phase-bar').getByRole('status').first().textContent())
        .toContain('Dreamer')
      await activate(page.getByTestId('phase-bar').getByRole('button', { name: 'Start the timer' }))
      await expect.poll(() => page.evaluate(() => window.kokeileva?.timer().status)).toBe('running')
    },
    JOURNEY_TIMEOUT_MS,
  )

  it(
    'a participant votes and changes notes from the Notes panel',
    async () => {
      const board = await suite.server.createBoard('Keyboard vote')
      const fia = await BoardDriver.open(await suite.newContext(), suite.local(board.links.facilitator))
      const ben = await BoardDriver.open(await suite.newContext(), suite.local(board.links.participant))
      await ben.page.getByTestId('board-canvas').focus()
      for (const text of ['Bikes', 'Buses']) {
        await ben.page.keyboard.press('n')
        await ben.page.keyboard.type(text)
        await ben.page.keyboard.press('Escape')
      }
      await fia.waitForNotes((notes) => notes.length === 2)
      await activate(ben.page.getByTestId('panel-button-notes'))
      const panel = ben.page.getByTestId('notes-panel')
      // "Show" selects the note; the canvas's keys then act on it.
      await activate(panel.getByRole('button', { name: /^Bikes/ }))
      const bikes = (await ben.notes()).find((note) => note.text === 'Bikes')!
      expect(await selection(ben.page)).toEqual([bikes.id])
      await ben.page.getByTestId('board-canvas').focus()
      await ben.page.keyboard.press('ArrowDown')
      await fia.waitForNotes((notes) => notes.some((note) => note.id === bikes.id && note.y === bikes.y + 10))

      // The facilitator opens a dot vote; Ben gives a dot from the panel and takes it back.
      await activate(fia.page.getByRole('button', { name: 'Open voting' }))
      const give = panel.getByRole('button', { name: 'Give a dot to: Buses — ' + bikes.authorName })
      await activate(give)
      const buses = (await ben.notes()).find((note) => note.text === 'Buses')!
      await fia.waitForNotes((notes) => Object.values(notes.find((n) => n.id === buses.id)!.votes).length === 1)
      await activate(panel.getByRole('button', { name: /^Take a dot back from: Buses/ }))
      await fia.waitForNotes((notes) =>
        Object.values(notes.find((n) => n.id === buses.id)!.votes).every((v) => v === 0),
      )
    },
    JOURNEY_TIMEOUT_MS,
  )
})
