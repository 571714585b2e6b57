import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MeResponse, MyBoards } from '@shared/api/me.ts'
import { tokenFromHash } from '@shared/links.ts'
import { CloseCode, CloseReason } from '@shared/protocol.ts'
import { openRaw } from '../helpers/clients.ts'
import { startIdentityProvider, type IdentityProvider } from '../helpers/identity-provider.ts'
import { serverBackends } from '../helpers/backends.ts'
import { eventually } from '../helpers/poll.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import { CookieJar, freePort, signIn, signInAtProvider } from '../helpers/sign-in.ts'

const backends = (await serverBackends()).filter((backend) => backend.runs)

/**
 * Kokeileva with AUTH=oidc against a real OpenID Provider (oidc-provider) on loopback, with its
 * sessions and people's boards in SQLite and in PostgreSQL.
 */
describe.each(backends)('sign-in through OpenID Connect ($name)', (backend) => {
  let idp: IdentityProvider
  let server: TestServer
  beforeAll(async () => {
    const port = await freePort()
    const url = `http://127.0.0.1:${port}`
    idp = await startIdentityProvider({ redirectUris: [`${url}/auth/callback`] })
    server = await backend.start({ ...idp.env, PUBLIC_URL: url }, { port })
  })
  afterAll(async () => {
    await server?.close()
    await idp?.close()
  })

  const me = async (jar: CookieJar): Promise<MeResponse> =>
    (await (await jar.fetch(`${server.url}/api/me`)).json()) as MeResponse

  it('signs a person in with the code flow and a session cookie, and signs them out', async () => {
    const jar = new CookieJar()
    expect(await me(jar)).toEqual({ auth: 'oidc', user: null, guestLinks: true })
    const callback = await signInAtProvider(jar, server.url, 'anna', '/ideas?status=new')
    const done = await jar.fetch(callback)
    expect(done.status).toBe(302)
    expect(done.headers.get('location')).toBe('/ideas?status=new')
    const cookie = done.headers.getSetCookie().find((line) => line.startsWith('kokeileva_session='))!
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Lax/)
    expect(cookie).not.toMatch(/Secure/) // plain http here
    const signedIn = await me(jar)
    expect(signedIn.user).toMatchObject({ name: 'Anna Virtanen', email: 'anna.virtanen@example.org', roles: [] })
    expect(signedIn.user!.id).toMatch(/^u[A-Za-z0-9_-]{22}$/)

    const out = await jar.fetch(`${server.url}/auth/logout`, { method: 'POST' })
    expect(out.status).toBe(204)
    expect((await me(jar)).user).toBeNull()
  })

  it('gives the hub and admin roles from the groups claim', async () => {
    expect((await me(await signIn(server.url, 'harri'))).user!.roles).toEqual(['hub'])
    expect((await me(await signIn(server.url, 'aino'))).user!.roles).toEqual(['admin'])
  })

  it('keeps the same id for the same person on another device', async () => {
    const first = (await me(await signIn(server.url, 'anna'))).user!
    const second = (await me(await signIn(server.url, 'anna'))).user!
    expect(second.id).toBe(first.id)
  })

  it('needs sign-in to create boards and read the registry; HUB_TOKEN still reads it', async () => {
    const create = await fetch(`${server.url}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'No account' }),
    })
    expect(create.status).toBe(401)
    expect(await create.json()).toMatchObject({ error: 'sign_in_required', message: 'Sign in to create a board.' })
    const registry = await fetch(`${server.url}/api/ideas`)
    expect(registry.status).toBe(401)
    expect(await registry.json()).toMatchObject({ error: 'sign_in_required' })
    const integration = await fetch(`${server.url}/api/ideas`, {
      headers: { authorization: `Bearer ${server.app.config.HUB_TOKEN}` },
    })
    expect(integration.status).toBe(200)
    const jar = await signIn(server.url, 'anna')
    expect((await jar.fetch(`${server.url}/api/ideas`)).status).toBe(200)
  })

  it('lets only the hub group change ideas (a signed-in person outside it gets 403)', async () => {
    const anna = await signIn(server.url, 'anna')
    const harri = await signIn(server.url, 'harri')
    const check = (jar: CookieJar) => jar.fetch(`${server.url}/api/hub/check`)
    expect((await check(anna)).status).toBe(403)
    expect((await check(harri)).status).toBe(204)
  })

  it('lists the boards I created, on any device', async () => {
    const laptop = await signIn(server.url, 'anna')
    const created = await laptop.fetch(`${server.url}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Kirjaston kokeilu' }),
    })
    expect(created.status).toBe(201)
    const board = (await created.json()) as { id: string; links: { facilitator: string } }
    const phone = await signIn(server.url, 'anna')
    const mine = (await (await phone.fetch(`${server.url}/api/boards`)).json()) as MyBoards
    expect(mine.auth).toBe('oidc')
    expect(mine.items.find((item) => item.id === board.id)).toMatchObject({
      title: 'Kirjaston kokeilu',
      role: 'facilitator',
      link: board.links.facilitator,
    })
    const other = (await (
      await (await signIn(server.url, 'harri')).fetch(`${server.url}/api/boards`)
    ).json()) as MyBoards
    expect(other.items.some((item) => item.id === board.id)).toBe(false)
    expect((await fetch(`${server.url}/api/boards`)).status).toBe(401)
  })

  it('lists the link of my board as it is after a reset of the links, facilitator link included', async () => {
    const jar = await signIn(server.url, 'anna')
    const created = await jar.fetch(`${server.url}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Uusitut linkit' }),
    })
    const board = (await created.json()) as { id: string; tokens: { facilitator: string } }
    const rotated = await fetch(`${server.url}/api/boards/${board.id}/links/rotate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${board.tokens.facilitator}` },
      body: JSON.stringify({ facilitator: true }),
    })
    expect(rotated.status).toBe(200)
    const links = ((await rotated.json()) as { links: { facilitator: string } }).links
    const mine = (await (await jar.fetch(`${server.url}/api/boards`)).json()) as MyBoards
    const listed = mine.items.find((item) => item.id === board.id)!
    expect(listed.link).toBe(links.facilitator)
    const token = tokenFromHash(new URL(listed.link).hash)
    const opened = await fetch(`${server.url}/api/boards/${board.id}`, {
      headers: { authorization: `Bearer ${token!}` },
    })
    expect(opened.status).toBe(200)
  })

  it('signing out closes the board connections the session opened, and only those', async () => {
    const anna = await signIn(server.url, 'anna')
    const created = await anna.fetch(`${server.url}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Uloskirjautuminen' }),
    })
    const board = (await created.json()) as { id: string; tokens: { participant: string } }
    const annaElsewhere = await signIn(server.url, 'anna')
    const url = `${server.syncUrl}/${board.id}?token=${board.tokens.participant}`
    const mine = openRaw(url, { cookie: anna.header(server.url) })
    const otherDevice = openRaw(url, { cookie: annaElsewhere.header(server.url) })
    const guest = openRaw(url)
    await Promise.all([mine.opened, otherDevice.opened, guest.opened])
    await eventually(() => expect(mine.messages.length * otherDevice.messages.length).toBeGreaterThan(0))
    expect((await anna.fetch(`${server.url}/auth/logout`, { method: 'POST' })).status).toBe(204)
    expect(await mine.closed).toEqual({ code: CloseCode.Unauthorized, reason: CloseReason.SignedOut })
    expect(otherDevice.socket.readyState).toBe(otherDevice.socket.OPEN)
    expect(guest.socket.readyState).toBe(guest.socket.OPEN)
    otherDevice.socket.close()
    guest.socket.close()
  })

  it('refuses a returnTo off this site', async () => {
    for (const returnTo of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)']) {
      const jar = new CookieJar()
      const callback = await signInAtProvider(jar, server.url, 'anna', returnTo)
      const done = await jar.fetch(callback)
      expect(done.status, returnTo).toBe(302)
      expect(done.headers.get('location'), returnTo).toBe('/')
    }
  })

  it('refuses a callback whose state does not match, and one from another browser', async () => {
    const jar = new CookieJar()
    const callback = new URL(await signInAtProvider(jar, server.url, 'anna'))
    const forged = new URL(callback)
    forged.searchParams.set('state', 'forged-state')
    const refused = await jar.fetch(forged.href)
    expect(refused.status).toBe(400)
    expect(await refused.text()).toMatch(/state/)
    expect(jar.get(server.url, 'kokeileva_session')).toBeNull()

    const elsewhere = new CookieJar()
    const other = await elsewhere.fetch(callback.href)
    expect(other.status).toBe(400)
    expect(elsewhere.get(server.url, 'kokeileva_session')).toBeNull()
  })
})

describe('sign-in with AUTH=links (the default)', () => {
  it('answers /api/me and GET /api/boards without a person, and has no /auth/login', async () => {
    const server = await startServer()
    try {
      expect(await (await fetch(`${server.url}/api/me`)).json()).toEqual({
        auth: 'links',
        user: null,
        guestLinks: true,
      })
      expect(await (await fetch(`${server.url}/api/boards`)).json()).toEqual({ auth: 'links', items: [] })
      expect((await fetch(`${server.url}/auth/login`, { redirect: 'manual' })).status).toBe(404)
      expect((await fetch(`${server.url}/api/ideas`)).status).toBe(200)
    } finally {
      await server.close()
    }
  })
})
