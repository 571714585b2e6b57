import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { AuditList } from '@shared/api/admin.ts'
import type { BoardCreated } from '@shared/api/boards.ts'
import type { MeResponse } from '@shared/api/me.ts'
import { scriptPromote } from '../helpers/digest-history.ts'
import { startIdentityProvider, type IdentityProvider } from '../helpers/identity-provider.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import { freePort, signIn } from '../helpers/sign-in.ts'
import { axeViolations, describeViolations, seriousOrCritical } from './axe.ts'
import { BoardDriver } from './board-driver.ts'
import { browserSkipReason } from './browser.ts'
import { useBrowser } from './suite.ts'

const skipReason = browserSkipReason()
if (skipReason) console.warn(`[e2e] sign-in skipped: ${skipReason}`)

const JOURNEY_TIMEOUT_MS = 90_000

/** The local provider's sign-in form (oidc-provider's own page), filled in as a person would. */
async function signInAtProvider(page: Page, login: string): Promise<void> {
  const name = page.getByPlaceholder('Enter any login')
  await name.waitFor({ timeout: 15_000 })
  await name.fill(login)
  await page.getByPlaceholder('and password').fill('correct horse battery staple')
  await page.getByRole('button', { name: 'Sign-in' }).click()
}

/** No serious or critical axe-core finding on the page as it is now. */
async function expectAccessible(page: Page): Promise<void> {
  expect(describeViolations(seriousOrCritical(await axeViolations(page)))).toBe('')
}

/** GET /api/me from inside the page: what the web app itself is told. */
const meOf = (page: Page): Promise<MeResponse> =>
  page.evaluate(async () => (await fetch('/api/me', { cache: 'no-store' })).json() as Promise<MeResponse>)

/**
 * The whole sign-in in Chromium, against a real OpenID Provider (oidc-provider) and a server with
 * AUTH=oidc and GUEST_LINKS=false: the start page's Sign in, the provider's form, the callback,
 * my boards, deleting one, signing out; the registry refusing a person outside the hub group;
 * a guest link asking its guest to sign in before the board opens.
 */
describe.skipIf(skipReason !== null)('sign-in in the browser (AUTH=oidc, GUEST_LINKS=false)', () => {
  const { newContext } = useBrowser()
  let idp: IdentityProvider | undefined
  let server: TestServer | undefined
  beforeAll(async () => {
    const port = await freePort()
    const url = `http://127.0.0.1:${port}`
    idp = await startIdentityProvider({ redirectUris: [`${url}/auth/callback`] })
    server = await startServer(
      { ...idp.env, PUBLIC_URL: url, GUEST_LINKS: 'false' },
      { port, clientDistDir: inject('clientDist') },
    )
  }, 60_000)
  afterAll(async () => {
    await server?.close()
    await idp?.close()
  })
  const app = (): TestServer => {
    if (!server) throw new Error('the server has not started')
    return server
  }

  it(
    'signs in from the start page, creates a board, sees it in my boards, deletes another, and signs out',
    async () => {
      const page = await (await newContext()).newPage()
      await page.goto(`${app().url}/`)
      expect((await meOf(page)).user).toBeNull()
      // Without sign-in the start page offers it instead of a form that would be refused.
      await page.getByTestId('sign-in-to-create').waitFor()
      await expectAccessible(page)
      await page.getByTestId('sign-in').click()
      await signInAtProvider(page, 'anna')
      await page.waitForURL(`${app().url}/`)
      await expect.poll(() => page.getByTestId('signed-in-name').textContent()).toContain('Anna Virtanen')
      const me = await meOf(page)
      expect(me).toMatchObject({ auth: 'oidc', guestLinks: false })
      expect(me.user).toMatchObject({ name: 'Anna Virtanen', email: 'anna.virtanen@example.org', roles: [] })

      const createBoard = async (title: string) => {
        await page.getByLabel('Board title', { exact: true }).fill(title)
        await page.getByRole('button', { name: 'Create board' }).click()
        await page.getByRole('heading', { name: `“${title}” is ready` }).waitFor()
        // GUEST_LINKS=false: the links are handed out with word that the invited sign in first.
        await page.getByTestId('links-need-sign-in').waitFor()
        await page.getByTestId('my-boards').getByRole('link', { name: title }).waitFor()
        await page.getByRole('button', { name: 'Create another board' }).click()
      }
      await createBoard('Kirjaston lainaamo')
      await createBoard('Poistettava kokeilu')

      // My boards on another visit (the server's list, not this device's), both mine to delete.
      await page.reload()
      const myBoards = page.getByTestId('my-boards')
      await myBoards.getByRole('link', { name: 'Kirjaston lainaamo' }).waitFor()
      await expectAccessible(page)
      const doomed = myBoards.locator('li', { hasText: 'Poistettava kokeilu' })
      const doomedId = (await doomed.getAttribute('data-testid'))!.replace('my-board-', '')
      await doomed.getByRole('button', { name: 'Delete “Poistettava kokeilu”' }).click()
      await expect.poll(() => doomed.getByRole('alertdialog').textContent()).toMatch(/cannot be undone/)
      await doomed.getByTestId('my-board-delete-confirm').click()
      await doomed.waitFor({ state: 'detached' })
      await expect.poll(() => myBoards.getByRole('link', { name: 'Kirjaston lainaamo' }).count()).toBe(1)
      // Deleted for everyone, by its owner: the audit log says so.
      const audit = (await (
        await fetch(`${app().url}/api/admin/audit`, {
          headers: { authorization: `Bearer ${app().app.config.HUB_TOKEN}` },
        })
      ).json()) as AuditList
      expect(audit.items.find((entry) => entry.boardId === doomedId)).toMatchObject({
        action: 'board-deleted',
        actor: 'owner',
      })
      const mine = await page.evaluate(async () => (await (await fetch('/api/boards')).json()) as { items: unknown[] })
      expect(mine.items.map((item) => (item as { title: string }).title)).toEqual(['Kirjaston lainaamo'])

      await page.getByTestId('sign-out').click()
      await page.getByTestId('sign-in').waitFor()
      expect((await meOf(page)).user).toBeNull()
      expect(await page.getByTestId('my-boards').count()).toBe(0)
    },
    JOURNEY_TIMEOUT_MS,
  )

  it(
    'tells a signed-in person outside the hub group that changing ideas is the hub’s (the server answers 403); the hub member changes it',
    async () => {
      const idea = await scriptPromote(
        app().app.storage.ideas,
        { id: 'SignInBoard1', title: 'Kirjaston työpaja', method: 'disney' },
        'Korjauskahvila kirjastoon',
        Date.now(),
      )
      const anna = await (await newContext()).newPage()
      await anna.goto(`${app().url}/auth/login?returnTo=${encodeURIComponent(`/ideas/${idea.ref}`)}`)
      await signInAtProvider(anna, 'anna')
      await anna.waitForURL(`${app().url}/ideas/${idea.ref}`)
      await anna.getByRole('heading', { name: 'Korjauskahvila kirjastoon' }).waitFor()
      await expect
        .poll(() => anna.getByTestId('hub-not-member').textContent())
        .toBe(
          'You can read the registry. Changing ideas is for the innovation hub, and your account (Anna Virtanen) is not in its group.',
        )
      expect(await anna.getByTestId('hub-actions').count()).toBe(0)
      await expectAccessible(anna)
      // What the page does not offer, the server refuses too.
      const refused = await anna.evaluate(async (id) => {
        const response = await fetch(`/api/ideas/${id}`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ status: 'screening' }),
        })
        return { status: response.status, body: (await response.json()) as { error: string; message: string } }
      }, idea.id)
      expect(refused.status).toBe(403)
      expect(refused.body.message).toMatch(/not in its group/)

      // Opening the idea page signed out: the registry needs sign-in, so the page goes to the provider.
      const harri = await (await newContext()).newPage()
      await harri.goto(`${app().url}/ideas/${idea.ref}`)
      await signInAtProvider(harri, 'harri')
      await harri.waitForURL(`${app().url}/ideas/${idea.ref}`)
      await expect.poll(() => harri.getByTestId('hub-signed-in').textContent()).toContain('Harri Hubinen')
      expect((await meOf(harri)).user?.roles).toEqual(['hub'])
      await harri.getByTestId('hub-actions').waitFor()
      await harri.getByRole('radio', { name: 'Screening' }).check()
      await harri.getByRole('button', { name: 'Move to “Screening”' }).click()
      await harri.getByText('Status changed.').waitFor()
      expect((await app().app.storage.ideas.get(idea.id))?.status).toBe('screening')
    },
    JOURNEY_TIMEOUT_MS,
  )

  it(
    'asks a guest with a participant link to sign in (no board, no socket), then opens the board under their real name',
    async () => {
      const facilitator = await signIn(app().url, 'anna')
      const created = await facilitator.fetch(`${app().url}/api/boards`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Vain kirjautuneille', template: 'blank' }),
      })
      expect(created.status).toBe(201)
      const board = (await created.json()) as BoardCreated

      const page = await (await newContext()).newPage()
      const sockets: string[] = []
      page.on('websocket', (socket) => sockets.push(socket.url()))
      await page.goto(board.links.participant)
      await page.getByTestId('sign-in-to-join').waitFor()
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Sign in to join this board')
      expect(await page.getByTestId('refused').count()).toBe(0)
      await expectAccessible(page)
      expect(sockets).toEqual([])

      await page.getByTestId('sign-in-to-join-button').click()
      await signInAtProvider(page, 'aino')
      await page.waitForURL(new RegExp(`/b/${board.id}`))
      const guest = new BoardDriver(page)
      await guest.waitForConnection('connected')
      const me = await meOf(page)
      expect(me.user?.name).toBe('Aino Ylläpito')
      const note = await guest.createNote(0.4, 0.4, 'Lainattavat työkalut')
      expect(note.authorName).toBe('Aino Ylläpito')
      expect(note.authorId).toBe(me.user?.id)
    },
    JOURNEY_TIMEOUT_MS,
  )
})
