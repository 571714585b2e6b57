import { describe, expect, it } from 'vitest'
import { browserSkipReason } from './browser.ts'
import { BoardDriver } from './board-driver.ts'
import { useBrowserAndServer } from './suite.ts'

const skipReason = browserSkipReason()
if (skipReason) console.warn(`[e2e] Swedish UI skipped: ${skipReason}`)

/** Generous for a loaded machine: several browser contexts share two cores. */
const JOURNEY_TIMEOUT_MS = 90_000

/** A browser whose language is Swedish gets the Swedish UI, and its boards Swedish zones. */
describe.skipIf(skipReason !== null)('Swedish in the browser', () => {
  const suite = useBrowserAndServer()

  it(
    'a sv-SE browser gets the Swedish start page and a Disney board with Swedish phases and zones',
    async () => {
      const start = await (await suite.newContext({ locale: 'sv-SE' })).newPage()
      await start.goto(`${suite.server.url}/`)
      await start.getByRole('heading', { name: 'Spåna idéer tillsammans, i realtid' }).waitFor()
      expect(await start.getByRole('combobox', { name: 'Språk' }).inputValue()).toBe('sv')
      await start.getByLabel('Tavlans namn').fill('Bibliotekets öppettider')
      await start.getByTestId('template-picker').selectOption('disney')
      await start.getByRole('button', { name: 'Skapa tavlan' }).click()
      await start.getByTestId('open-board').click()

      const fia = new BoardDriver(start)
      await fia.waitForConnection('connected')
      await expect.poll(() => fia.page.getByTestId('phase-title').textContent()).toBe('Formulera målet')
      const panel = fia.page.getByTestId('panel-session')
      await panel.waitFor()
      // The zones were written in Swedish: the spotlight buttons name them.
      for (const zone of ['Mål', 'Drömmare', 'Realist', 'Kritiker']) {
        await panel.getByRole('button', { name: `Lyft fram området ${zone}`, exact: true }).waitFor()
      }
      await fia.page
        .getByTestId('phase-bar')
        .getByRole('button', { name: /^Nästa: Drömmare/ })
        .click()
      await expect.poll(() => fia.page.getByTestId('phase-zones').textContent()).toBe('Skriv i: Drömmare')
    },
    JOURNEY_TIMEOUT_MS,
  )
})
