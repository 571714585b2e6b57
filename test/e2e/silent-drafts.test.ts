import { describe, expect, it } from 'vitest'
import { browserSkipReason } from './browser.ts'
import { BoardDriver } from './board-driver.ts'
import { disneyBoard, enterPhase, writeAt } from './canvas-helpers.ts'
import { useBrowserAndServer } from './suite.ts'

const skipReason = browserSkipReason()
if (skipReason) console.warn(`[e2e] silent drafts journey skipped: ${skipReason}`)

const JOURNEY_TIMEOUT_MS = 90_000

/**
 * What the Notes panel (the screen reader's view of the canvas) says of each note; the panel
 * is closed again, so that the canvas keeps its size for the clicks that follow.
 */
async function listedNotes(driver: BoardDriver): Promise<string[]> {
  const toggle = driver.page.getByTestId('panel-button-notes')
  const panel = driver.page.getByTestId('notes-panel')
  await toggle.click()
  await panel.waitFor()
  const listed = await panel.locator('.note-entry').allTextContents()
  await toggle.click()
  await panel.waitFor({ state: 'detached' })
  return listed
}

/** Silent mode in the browser: what was on the board stays readable; what is written in silence stays private. */
describe.skipIf(skipReason !== null)('silent mode with private drafts in the browser', () => {
  const suite = useBrowserAndServer()
  const { newContext, local } = suite

  it(
    'keeps a note written in silence off the facilitator’s page until the reveal, then shows it on both',
    async () => {
      const board = await suite.server.createBoard('Hiljainen hetki')
      const fia = await BoardDriver.open(await newContext(), local(board.links.facilitator))
      const ben = await BoardDriver.open(await newContext(), local(board.links.participant))
      await fia.page.getByTestId('panel-session').waitFor()
      await fia.page.getByTestId('silent-switch').click()
      await expect.poll(() => ben.page.evaluate(() => window.kokeileva?.session().silent)).toBe(true)

      const note = await ben.createNote(0.4, 0.4, 'Kirjaston porakoneet')
      expect(await ben.page.evaluate(() => window.kokeileva?.draftNoteIds())).toEqual([note.id])
      await ben.page.getByTestId('drafts-banner').waitFor()
      // The facilitator learns that one note waits, and nothing more.
      await expect.poll(() => fia.page.getByTestId('drafts-waiting').textContent()).toMatch(/^1 note waiting/)
      expect(await fia.notes()).toEqual([])
      expect(await fia.page.content()).not.toContain('Kirjaston porakoneet')

      await fia.page.getByRole('button', { name: 'Reveal all notes' }).click()
      await fia.waitForNotes((notes) => notes.some((n) => n.id === note.id && n.text === 'Kirjaston porakoneet'))
      await expect.poll(() => ben.page.evaluate(() => window.kokeileva?.draftNoteIds())).toEqual([])
      const onBen = await ben.waitForNotes((notes) => notes.length === 1)
      expect(onBen[0]).toMatchObject({ id: note.id, text: 'Kirjaston porakoneet' })
      expect(await ben.page.getByTestId('drafts-banner').count()).toBe(0)
    },
    JOURNEY_TIMEOUT_MS,
  )

  it(
    'in the Critic phase, silence keeps the plan readable to participants, viewers and late joiners, and what is written in it private until the reveal',
    async () => {
      const { fia, people, links } = await disneyBoard(suite, 'Kriitikon vuoro', 1)
      const ben = people[0]!
      const plan = ['Goal: a library open to all', 'Open every evening', 'Volunteers run the evenings']
      await writeAt(fia, { x: 300, y: 130 }, plan[0]!)
      await enterPhase(fia, 'Dreamer', [ben])
      await writeAt(ben, { x: 150, y: 500 }, plan[1]!)
      await enterPhase(fia, 'Realist', [ben])
      await writeAt(ben, { x: 700, y: 500 }, plan[2]!)
      await enterPhase(fia, 'Critic', [ben])
      await fia.page.getByTestId('panel-session').getByTestId('silent-switch').click()
      await ben.page.getByTestId('silent-banner').waitFor()

      // The Critic reads the plan: the Goal, the Dreamer's and the Realist's notes are face up.
      const readable = async (driver: BoardDriver) => {
        const listed = await listedNotes(driver)
        return plan.every((text) => listed.some((item) => item.startsWith(text)))
      }
      await expect.poll(() => readable(ben)).toBe(true)
      // So do a viewer and a participant who join while the session is silent.
      const vera = await BoardDriver.open(await newContext(), links.viewer)
      const cleo = await BoardDriver.open(await newContext(), links.participant)
      for (const late of [vera, cleo]) {
        await late.page.getByTestId('silent-banner').waitFor()
        await expect.poll(() => readable(late)).toBe(true)
      }

      // What is written now is private to its writer until the reveal: the facilitator's note too.
      await writeAt(fia, { x: 1200, y: 450 }, 'Who pays for the evenings?')
      await writeAt(ben, { x: 1200, y: 700 }, 'Volunteers may not come')
      for (const driver of [ben, cleo, vera]) {
        expect((await driver.notes()).map((n) => n.text)).not.toContain('Who pays for the evenings?')
      }
      for (const driver of [fia, cleo, vera]) {
        expect((await driver.notes()).map((n) => n.text)).not.toContain('Volunteers may not come')
      }
      expect(await ben.page.content()).not.toContain('Who pays for the evenings?')
      expect(await fia.page.content()).not.toContain('Volunteers may not come')

      // A change to a note already on the board is not private, and the editor says so.
      const goal = (await fia.notes()).find((n) => n.text === plan[0])!
      // The Goal zone is the board's top row, where the silent banner lies over the canvas:
      // the pointer passes through the banner to the board (it holds text only) …
      const banner = (await fia.page.getByTestId('silent-banner').boundingBox())!
      const underBanner = await fia.page.evaluate(
        ({ x, y }) => document.elementFromPoint(x, y)?.closest('[data-testid="board-canvas"]') !== null,
        { x: banner.x + banner.width / 2, y: banner.y + banner.height / 2 },
      )
      expect(underBanner).toBe(true)
      // … so the note is edited where it is, even through the banner.
      const topLeft = await fia.toPage({ x: goal.x, y: goal.y })
      const bottomRight = await fia.toPage({ x: goal.x + goal.width, y: goal.y + goal.height })
      const overlap = {
        left: Math.max(topLeft.x, banner.x),
        right: Math.min(bottomRight.x, banner.x + banner.width),
        top: Math.max(topLeft.y, banner.y),
        bottom: Math.min(bottomRight.y, banner.y + banner.height),
      }
      if (overlap.left < overlap.right && overlap.top < overlap.bottom) {
        await fia.page.mouse.dblclick((overlap.left + overlap.right) / 2, (overlap.top + overlap.bottom) / 2)
      } else {
        await fia.doubleClickNote(goal)
      }
      await fia.page.getByTestId('editor-silent-public').waitFor()
      await fia.page.keyboard.press('Escape')

      await fia.page.getByRole('button', { name: 'Reveal all notes' }).click()
      await ben.page.getByTestId('silent-banner').waitFor({ state: 'detached' })
      // Screen readers are told (the notes appear on a canvas they cannot see).
      await expect
        .poll(() => ben.page.getByTestId('reveal-announcement').textContent())
        .toBe('The facilitator revealed the private notes: they are on the board now.')
      for (const driver of [fia, ben, cleo, vera]) {
        await driver.waitForNotes((notes) =>
          ['Who pays for the evenings?', 'Volunteers may not come'].every((text) => notes.some((n) => n.text === text)),
        )
      }
    },
    JOURNEY_TIMEOUT_MS,
  )
})
