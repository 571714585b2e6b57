import { describe, expect, it } from 'vitest'
import { CloseCode } from '@shared/protocol.ts'
import { browserSkipReason } from './browser.ts'
import { BoardDriver } from './board-driver.ts'
import { useBrowserAndServer } from './suite.ts'

const skipReason = browserSkipReason()
if (skipReason) console.warn(`[e2e] board lifecycle skipped: ${skipReason}`)

const JOURNEY_TIMEOUT_MS = 90_000

/** Resetting a board's links from the invite dialog, and deleting a board from the admin page. */
describe.skipIf(skipReason !== null)('links reset and the admin page', () => {
  const suite = useBrowserAndServer()
  const { newContext, local } = suite

  it(
    'the facilitator resets the links: the participant is disconnected with "not valid", the new link works; sockets use tickets',
    async () => {
      const board = await suite.server.createBoard('Linkkien uusinta')
      const sockets: string[] = []
      const fia = await BoardDriver.open(await newContext(), local(board.links.facilitator))
      const ben = await BoardDriver.open(await newContext(), local(board.links.participant))
      fia.page.on('websocket', (ws) => sockets.push(ws.url()))
      ben.page.on('websocket', (ws) => sockets.push(ws.url()))

      await fia.page.getByTestId('invite-button').click()
      await fia.page.getByTestId('invite-links').waitFor()
      const before = await fia.page.getByTestId('invite-participant').inputValue()
      await fia.page.getByTestId('invite-reset-button').click()
      await expect.poll(() => fia.page.getByRole('alertdialog').textContent()).toMatch(/stop working/)
      await fia.page.getByTestId('invite-reset-confirm').click()
      await expect.poll(() => fia.page.getByTestId('invite-participant').inputValue()).not.toBe(before)
      const after = await fia.page.getByTestId('invite-participant').inputValue()

      await ben.page.getByTestId('refused').waitFor()
      expect(await ben.page.getByTestId('refused').getAttribute('data-code')).toBe(String(CloseCode.Unauthorized))
      // The new link opens the board (BoardDriver.open waits until it is connected).
      const cleo = await BoardDriver.open(await newContext(), local(after))
      expect(await cleo.page.getByTestId('refused').count()).toBe(0)
      // The web client never puts a token in a socket URL: it opens each socket with a ticket.
      await fia.page.reload()
      await fia.waitForConnection('connected')
      expect(sockets.length).toBeGreaterThan(0)
      for (const url of sockets) {
        expect(url).toContain('ticket=')
        expect(url).not.toContain('token=')
      }
    },
    JOURNEY_TIMEOUT_MS,
  )

  it(
    'the administrator deletes a board from the admin page after confirming; its people see "does not exist"',
    async () => {
      const board = await suite.server.createBoard('Poistettava taulu')
      const ben = await BoardDriver.open(await newContext(), local(board.links.participant))
      const adminContext = await newContext()
      // The administrator entered the hub token on this device before (as on the registry page).
      await adminContext.addInitScript((token: string) => {
        // about:blank has no storage; the admin page's origin does.
        if (location.protocol.startsWith('http')) localStorage.setItem('kokeileva.hubToken', JSON.stringify(token))
      }, suite.server.app.config.HUB_TOKEN)
      const admin = await adminContext.newPage()
      await admin.goto(`${suite.server.url}/admin`)
      await admin.getByTestId('admin-page').waitFor()
      const row = admin.getByTestId(`admin-board-${board.id}`)
      await row.waitFor()
      expect(await row.textContent()).toContain('Poistettava taulu')
      await row.getByTestId('admin-delete').click()
      await row.getByTestId('admin-delete-confirm').click()
      await row.waitFor({ state: 'detached' })
      await expect.poll(() => admin.getByTestId('admin-audit').textContent()).toContain(board.id)
      await ben.page.getByTestId('refused').waitFor()
      expect(await ben.page.getByTestId('refused').getAttribute('data-code')).toBe(String(CloseCode.NotFound))
    },
    JOURNEY_TIMEOUT_MS,
  )
})
