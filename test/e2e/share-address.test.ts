import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { browserSkipReason } from './browser.ts'
import { BoardDriver } from './board-driver.ts'
import { useBrowserAndServer } from './suite.ts'

const skipReason = browserSkipReason()
if (skipReason) console.warn(`[e2e] share address skipped: ${skipReason}`)

const JOURNEY_TIMEOUT_MS = 90_000

const role = (page: Page) => page.evaluate(() => window.kokeileva?.role)

/** The address bar shares the board: people copy it to invite colleagues. */
describe.skipIf(skipReason !== null)('the address bar of a board page', () => {
  const suite = useBrowserAndServer()
  const { newContext, local } = suite

  it(
    'shows the participant link to facilitators and participants and the viewer link to viewers; a copied address invites a participant; a facilitator stays one on reload',
    async () => {
      // The facilitator creates the board on the start page: the page knows the participant
      // link already and asks the server for no links.
      const start = await (await newContext()).newPage()
      const linkRequests: string[] = []
      start.on('request', (request) => {
        if (request.url().endsWith('/links')) linkRequests.push(request.url())
      })
      await start.goto(`${suite.server.url}/`)
      await start.getByLabel('Board title').fill('Kirjaston ilta')
      await start.getByTestId('template-picker').selectOption('blank')
      await start.getByRole('button', { name: 'Create board' }).click()
      const participantLink = local(await start.getByTestId('link-participant').inputValue())
      const viewerLink = local(await start.getByTestId('link-viewer').inputValue())
      const facilitatorLink = local(await start.getByTestId('link-facilitator').inputValue())
      const facilitatorToken = new URL(facilitatorLink).hash.replace('#token=', '')
      await start.getByTestId('open-board').click()
      const fia = new BoardDriver(start)
      await fia.waitForConnection('connected')
      expect(await role(fia.page)).toBe('facilitator')
      await expect.poll(() => fia.page.url()).toBe(participantLink)
      expect(linkRequests).toEqual([])

      const ben = await BoardDriver.open(await newContext(), participantLink)
      await expect.poll(() => ben.page.url()).toBe(participantLink)
      const vera = await BoardDriver.open(await newContext(), viewerLink)
      await expect.poll(() => vera.page.url()).toBe(viewerLink)

      // Ben copies his address bar into the chat; a colleague opens it on another device.
      const copied = ben.page.url()
      const cleo = await BoardDriver.open(await newContext(), copied)
      expect(await role(cleo.page)).toBe('participant')
      await cleo.createNote(0.5, 0.5, 'Opened from a copied address')
      await fia.waitForNotes((notes) => notes.some((n) => n.text === 'Opened from a copied address'))

      // The facilitator reloads with the participant link in the address bar: still facilitator.
      await fia.page.reload()
      await fia.waitForConnection('connected')
      expect(await role(fia.page)).toBe('facilitator')
      await fia.page.getByTestId('panel-session').waitFor()
      expect(fia.page.url()).toBe(participantLink)

      // Opening the facilitator link on another device: the page learns the participant link
      // from the server and shows it; the facilitator's token never stays in the address bar.
      const elsewhere = await BoardDriver.open(await newContext(), facilitatorLink)
      expect(await role(elsewhere.page)).toBe('facilitator')
      await expect.poll(() => elsewhere.page.url()).toBe(participantLink)
      for (const page of [fia.page, elsewhere.page]) expect(page.url()).not.toContain(facilitatorToken)
    },
    JOURNEY_TIMEOUT_MS,
  )
})
