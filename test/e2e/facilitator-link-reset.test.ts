import { describe, expect, it } from 'vitest'
import { tokenFromHash } from '@shared/links.ts'
import { CloseCode } from '@shared/protocol.ts'
import { browserSkipReason } from './browser.ts'
import { BoardDriver } from './board-driver.ts'
import { useBrowserAndServer } from './suite.ts'

const skipReason = browserSkipReason()
if (skipReason) console.warn(`[e2e] facilitator link reset skipped: ${skipReason}`)

const JOURNEY_TIMEOUT_MS = 90_000

/** The token of a link (or of the address bar): its `#token=` fragment. */
const tokenOf = (link: string) => tokenFromHash(new URL(link).hash)

/**
 * The facilitator resets the links with their own from the invite dialog: their board stays
 * open and takes the new facilitator link everywhere this browser keeps it, while a
 * co-facilitator and a participant on the old links are disconnected with 4401.
 */
describe.skipIf(skipReason !== null)('resetting the facilitator link from the invite dialog', () => {
  const suite = useBrowserAndServer()
  const { newContext, local } = suite

  it(
    'explains the choice; the facilitator stays on the board with the new link, old links get 4401',
    async () => {
      const board = await suite.server.createBoard('Fasilitaattorin linkki')
      const fia = await BoardDriver.open(await newContext(), local(board.links.facilitator))
      const kalle = await BoardDriver.open(await newContext(), local(board.links.facilitator))
      const ben = await BoardDriver.open(await newContext(), local(board.links.participant))
      await fia.skipNamePrompt()
      const before = await fia.createNote(0.3, 0.4, 'ennen uusimista')
      // Fia has the board open in a second tab too (the same browser: one device's storage).
      const fiaTab = await BoardDriver.open(fia.page.context(), local(board.links.facilitator))

      await fia.page.getByTestId('invite-button').click()
      await fia.page.getByTestId('invite-links').waitFor()
      const oldFacilitatorLink = await fia.page.getByTestId('invite-facilitator').inputValue()
      await fia.page.getByTestId('invite-reset-button').click()
      const confirm = fia.page.getByRole('alertdialog')
      await expect.poll(() => confirm.textContent()).toMatch(/co-facilitators too, is disconnected/)
      await expect.poll(() => confirm.textContent()).toMatch(/switches to your new facilitator link by itself/)
      await fia.page.getByRole('checkbox', { name: 'Also reset the facilitator link' }).check()
      await fia.page.getByTestId('invite-reset-confirm').click()
      await expect
        .poll(() => fia.page.getByTestId('invite-reset-status').textContent())
        .toMatch(/the facilitator link too/)
      const newFacilitatorLink = await fia.page.getByTestId('invite-facilitator').inputValue()
      const newParticipantLink = await fia.page.getByTestId('invite-participant').inputValue()
      expect(newFacilitatorLink).not.toBe(oldFacilitatorLink)

      // The old links end: the co-facilitator's and the participant's.
      for (const other of [kalle, ben]) {
        await other.page.getByTestId('refused').waitFor()
        expect(await other.page.getByTestId('refused').getAttribute('data-code')).toBe(String(CloseCode.Unauthorized))
      }
      // Fia's board goes on, with the new token kept on this device and the new participant link in the address bar.
      await fia.waitForConnection('connected')
      expect(await fia.page.getByTestId('refused').count()).toBe(0)
      // Her other tab takes the new token from this device's storage and comes back too.
      await fiaTab.waitForConnection('connected')
      expect(await fiaTab.page.getByTestId('refused').count()).toBe(0)
      const kept = await fia.page.evaluate(
        (boardId) =>
          (
            JSON.parse(localStorage.getItem('kokeileva.boards') ?? '[]') as Array<{
              id: string
              token: string
              participantToken?: string
            }>
          ).find((entry) => entry.id === boardId),
        board.id,
      )
      expect(kept).toMatchObject({ token: tokenOf(newFacilitatorLink), participantToken: tokenOf(newParticipantLink) })
      expect(tokenOf(fia.page.url())).toBe(tokenOf(newParticipantLink))
      await fia.page.locator('.invite-dialog .dialog-actions button').click()
      const after = await fia.createNote(0.6, 0.4, 'uusimisen jälkeen')
      const fromTab = await fiaTab.createNote(0.45, 0.7, 'toisesta välilehdestä')

      // A participant with the new link sees what Fia wrote before and after.
      const cleo = await BoardDriver.open(await newContext(), local(newParticipantLink))
      // A link of a reset board (its token carries a generation) is read for its role: a participant's.
      expect(await cleo.page.evaluate(() => window.kokeileva?.role)).toBe('participant')
      await cleo.waitForNotes((notes) =>
        [before.id, after.id, fromTab.id].every((id) => notes.some((note) => note.id === id)),
      )
      // Fia's reload opens the board as facilitator with the new token.
      await fia.page.reload()
      await fia.waitForConnection('connected')
      expect(await fia.page.evaluate(() => window.kokeileva?.role)).toBe('facilitator')
    },
    JOURNEY_TIMEOUT_MS,
  )
})
