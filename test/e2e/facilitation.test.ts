import { describe, expect, it } from 'vitest'
import { browserSkipReason } from './browser.ts'
import { BoardDriver } from './board-driver.ts'
import { useBrowserAndServer } from './suite.ts'

const skipReason = browserSkipReason()
if (skipReason) console.warn(`[e2e] facilitation journey skipped: ${skipReason}`)

/**
 * About 12 s on a quiet machine; the limit leaves room for a loaded one (three browser
 * contexts share two cores with the other tests).
 */
const JOURNEY_TIMEOUT_MS = 90_000

/** "m:ss" as seconds. */
function seconds(text: string | null): number {
  const [minutes, secs] = (text ?? '').trim().split(':').map(Number)
  return (minutes ?? NaN) * 60 + (secs ?? NaN)
}

/** A whole Disney session in the system Chromium: a facilitator and two participants. */
describe.skipIf(skipReason !== null)('a Disney session in the browser', () => {
  const suite = useBrowserAndServer()
  const { newContext, local } = suite

  it(
    'phases with a shared timer, writing in the open zone only, and a dot vote that ranks the notes',
    async () => {
      // The facilitator creates a Disney board from the start page.
      const start = await (await newContext()).newPage()
      await start.goto(`${suite.server.url}/`)
      await start.getByLabel('Board title').fill('Library opening hours')
      await start.getByTestId('template-picker').selectOption('disney')
      await start.getByRole('button', { name: 'Create board' }).click()
      const participantLink = local(await start.getByTestId('link-participant').inputValue())
      await start.getByTestId('open-board').click()
      const fia = new BoardDriver(start)
      await fia.waitForConnection('connected')
      const bar = fia.page.getByTestId('phase-bar')
      await expect.poll(() => bar.getByTestId('phase-title').textContent()).toBe('Frame the goal')
      // The session controls open by themselves for the facilitator.
      const panel = fia.page.getByTestId('panel-session')
      await panel.waitFor()

      const ben = await BoardDriver.open(await newContext(), participantLink)
      const cleo = await BoardDriver.open(await newContext(), participantLink)
      // Participants see the phase and its instructions, but no controls.
      await expect.poll(() => ben.page.getByTestId('phase-title').textContent()).toBe('Frame the goal')
      expect(await ben.page.getByTestId('phase-next').count()).toBe(0)

      // Dreamer, with the timer started: everyone sees the same countdown.
      await bar.getByRole('button', { name: /^Next: Dreamer/ }).click()
      await expect.poll(() => ben.page.getByTestId('phase-title').textContent()).toBe('Dreamer')
      await expect.poll(() => ben.page.getByTestId('phase-zones').textContent()).toBe('Write in: Dreamer')
      await bar.getByRole('button', { name: 'Start the timer' }).click()
      await expect.poll(() => ben.page.getByTestId('timer').getAttribute('data-status')).toBe('running')
      const [fiaTime, benTime] = await Promise.all([
        fia.page.getByTestId('phase-bar').getByTestId('timer-time').textContent(),
        ben.page.getByTestId('timer-time').textContent(),
      ])
      expect(seconds(fiaTime)).toBeGreaterThan(570) // the Dreamer's 10 minutes, just started
      expect(seconds(fiaTime)).toBeLessThanOrEqual(600)
      expect(Math.abs(seconds(fiaTime) - seconds(benTime))).toBeLessThanOrEqual(1)

      // Participants write in the Dreamer zone (x 0–500, y 300–1000 on the board) …
      const writeAt = async (driver: BoardDriver, point: { x: number; y: number }, text: string) => {
        const at = await driver.toPage(point)
        await driver.page.mouse.dblclick(at.x, at.y)
        await driver.page.getByRole('textbox', { name: 'Note text' }).waitFor()
        await driver.page.keyboard.type(text)
        await driver.page.keyboard.press('Escape')
      }
      await writeAt(ben, { x: 130, y: 500 }, 'Open on Sundays')
      await writeAt(cleo, { x: 370, y: 500 }, 'Evenings until nine')
      // Each note whole: a note is there (and in its zone) from the first letter typed.
      const written = ['Open on Sundays', 'Evenings until nine']
      const notes = await fia.waitForNotes(
        (list) =>
          list.length === 2 &&
          list.every((note) => note.zone === 'dreamer') &&
          written.every((text) => list.some((note) => note.text === text)),
      )
      const sundays = notes.find((note) => note.text === 'Open on Sundays')!
      const evenings = notes.find((note) => note.text === 'Evenings until nine')!

      // … but not in the Realist zone, closed in this phase: they are told, and nothing is written.
      const realist = await ben.toPage({ x: 790, y: 600 })
      await ben.page.mouse.dblclick(realist.x, realist.y)
      await expect
        .poll(() => ben.page.getByTestId('toast').first().textContent())
        .toContain('That zone is closed in this phase')
      expect(await ben.page.getByRole('textbox', { name: 'Note text' }).count()).toBe(0)
      expect((await ben.notes()).length).toBe(2)

      // Realist, Critic (whose loop leads back to the Dreamer), then Converge: a dot vote.
      await bar.getByRole('button', { name: /^Next: Realist/ }).click()
      await bar.getByRole('button', { name: /^Next: Critic/ }).click()
      await expect.poll(() => bar.getByTestId('phase-loop').textContent()).toContain('Another round: Dreamer')
      await bar.getByRole('button', { name: /^Next: Converge/ }).click()
      await expect.poll(() => cleo.page.getByTestId('phase-title').textContent()).toBe('Converge')
      await ben.page.getByTestId('vote-bar').waitFor()
      expect(await ben.page.getByTestId('vote-bar').textContent()).toContain('Click a note to give it a dot')
      // On a touch screen the bar speaks of taps and a long press (no right button, no Shift+V).
      const tia = await BoardDriver.open(await newContext({ hasTouch: true }), participantLink)
      await tia.page.getByTestId('vote-bar').waitFor()
      expect(await tia.page.getByTestId('vote-bar').textContent()).toContain(
        'Tap a note to give it a dot; hold a finger on it to take one back.',
      )
      await tia.page.context().close()
      // The facilitator gives two dots per person instead of the template's three.
      await panel.getByRole('button', { name: 'One dot fewer per person' }).click()
      await expect.poll(() => ben.page.getByTestId('votes-left').getAttribute('data-left')).toBe('2')

      const clickNote = async (driver: BoardDriver, noteId: string, button: 'left' | 'right' = 'left') => {
        const note = (await driver.note(noteId))!
        const at = await driver.toPage({ x: note.x + note.width / 2, y: note.y + note.height / 2 })
        await driver.page.mouse.click(at.x, at.y, { button })
      }
      // Ben: one dot each; a third is refused. Cleo: two on Evenings, one taken back, given again.
      await clickNote(ben, sundays.id)
      await clickNote(ben, evenings.id)
      await expect.poll(() => ben.page.getByTestId('votes-left').getAttribute('data-left')).toBe('0')
      await clickNote(ben, evenings.id)
      await expect.poll(() => ben.page.getByTestId('toast').last().textContent()).toContain('You have no votes left')
      await clickNote(cleo, evenings.id)
      await clickNote(cleo, evenings.id)
      await clickNote(cleo, evenings.id, 'right')
      await expect.poll(() => cleo.page.getByTestId('votes-left').getAttribute('data-left')).toBe('1')
      await clickNote(cleo, evenings.id)
      await expect.poll(() => fia.page.getByTestId('vote-bar').textContent()).toContain('dots given: 4, voters: 2')
      // Totals stay hidden while the round is open.
      expect(await ben.page.evaluate(() => window.kokeileva!.results())).toEqual([])

      // The facilitator closes the round: everyone sees the notes ranked.
      await panel.getByRole('button', { name: 'Close voting and show results' }).click()
      for (const driver of [ben, cleo, fia]) {
        await driver.page.getByTestId('results').waitFor()
        await expect
          .poll(() => driver.page.getByTestId('ranked-note').allTextContents())
          .toEqual([
            expect.stringContaining('Evenings until nine3 dots'),
            expect.stringContaining('Open on Sundays1 dot'),
          ])
      }
      expect(await ben.page.evaluate(() => window.kokeileva!.results())).toEqual([
        { id: evenings.id, votes: 3, rank: 1 },
        { id: sundays.id, votes: 1, rank: 2 },
      ])
    },
    JOURNEY_TIMEOUT_MS,
  )
})
