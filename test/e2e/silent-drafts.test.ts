import { describe, expect, it } from 'vitest'
import { browserSkipReason } from './browser.ts'
import { BoardDriver } from './board-driver.ts'
import { useBrowserAndServer } from './suite.ts'

const skipReason = browserSkipReason()
if (skipReason) console.warn(`[e2e] silent drafts journey skipped: ${skipReason}`)

const JOURNEY_TIMEOUT_MS = 90_000

/** Silent mode in the browser: a participant's note stays off the facilitator's page until the reveal. */
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
      await expect.poll(() => fia.page.getByTestId('drafts-waiting').textContent()).toMatch(/^1 notes waiting/)
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
})
