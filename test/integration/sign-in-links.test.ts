import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuditList } from '@shared/api/admin.ts'
import type { BoardCreated } from '@shared/api/boards.ts'
import type { ImportResult } from '@shared/api/import.ts'
import type { MeResponse, MyBoards } from '@shared/api/me.ts'
import { tokenFromHash } from '@shared/links.ts'
import { CloseCode } from '@shared/protocol.ts'
import { serverBackends, type ServerBackend } from '../helpers/backends.ts'
import { openRaw } from '../helpers/clients.ts'
import { startIdentityProvider, type IdentityProvider } from '../helpers/identity-provider.ts'
import { eventually } from '../helpers/poll.ts'
import type { TestServer } from '../helpers/server.ts'
import { freePort, signIn, type CookieJar } from '../helpers/sign-in.ts'

interface Answer {
  status: number
  body: { error?: string; message?: string } & Record<string, unknown>
}

/** One request, as a browser without a session (jar null) or with one would send it. */
async function call(
  server: TestServer,
  jar: CookieJar | null,
  method: string,
  path: string,
  { token, body, type = 'application/json' }: { token?: string; body?: unknown; type?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {}
  if (token) headers['authorization'] = `Bearer ${token}`
  if (body !== undefined) headers['content-type'] = type
  const init: RequestInit = {
    method,
    headers,
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  }
  const response = jar ? await jar.fetch(`${server.url}${path}`, init) : await fetch(`${server.url}${path}`, init)
  const text = await response.text()
  return { status: response.status, body: text && text.startsWith('{') ? JSON.parse(text) : {} }
}

const backends = await serverBackends()
const sqlite = backends[0]!

/** Kokeileva with AUTH=oidc against the local OpenID Provider, GUEST_LINKS set as asked. */
function useSignInServer(guestLinks: boolean, backend: ServerBackend = sqlite) {
  const state: { idp?: IdentityProvider; server?: TestServer } = {}
  beforeAll(async () => {
    const port = await freePort()
    const url = `http://127.0.0.1:${port}`
    state.idp = await startIdentityProvider({ redirectUris: [`${url}/auth/callback`] })
    state.server = await backend.start(
      { ...state.idp.env, PUBLIC_URL: url, GUEST_LINKS: guestLinks ? 'true' : 'false' },
      { port },
    )
  })
  afterAll(async () => {
    await state.server?.close()
    await state.idp?.close()
  })
  return {
    get server(): TestServer {
      if (!state.server) throw new Error('the server has not started')
      return state.server
    },
  }
}

async function createBoardAs(server: TestServer, jar: CookieJar, title: string): Promise<BoardCreated> {
  const created = await call(server, jar, 'POST', '/api/boards', { body: { title, template: 'blank' } })
  expect(created.status).toBe(201)
  return created.body as unknown as BoardCreated
}

describe('share tokens on the HTTP API with AUTH=oidc and GUEST_LINKS=false', () => {
  const suite = useSignInServer(false)
  let anna: CookieJar
  let board: BoardCreated
  beforeAll(async () => {
    anna = await signIn(suite.server.url, 'anna')
    board = await createBoardAs(suite.server, anna, 'Vain kirjautuneille')
  })

  const signInRequired = (answer: Answer) => {
    expect(answer.status).toBe(401)
    expect(answer.body.error).toBe('sign_in_required')
    expect(answer.body.message).toMatch(/sign in/i)
  }

  it('refuses every route that takes a share token without a signed-in person, as the WebSocket does (4401)', async () => {
    const { server } = suite
    const facilitator = board.tokens.facilitator
    const participant = board.tokens.participant
    const id = board.id
    signInRequired(await call(server, null, 'GET', `/api/boards/${id}`, { token: participant }))
    signInRequired(await call(server, null, 'GET', `/api/boards/${id}/links`, { token: participant }))
    signInRequired(await call(server, null, 'POST', `/api/boards/${id}/ticket`, { token: participant }))
    signInRequired(await call(server, null, 'GET', `/api/boards/${id}/export?format=json`, { token: participant }))
    signInRequired(
      await call(server, null, 'POST', `/api/boards/${id}/notes/import`, {
        token: facilitator,
        body: 'Idea\n',
        type: 'text/plain',
      }),
    )
    signInRequired(
      await call(server, null, 'POST', `/api/boards/${id}/promote`, { token: facilitator, body: { noteIds: ['n1'] } }),
    )
    signInRequired(
      await call(server, null, 'POST', '/api/templates', {
        token: facilitator,
        body: { boardId: id, name: { en: 'T' } },
      }),
    )
    signInRequired(await call(server, null, 'POST', `/api/boards/${id}/links/rotate`, { token: facilitator, body: {} }))
    signInRequired(await call(server, null, 'DELETE', `/api/boards/${id}`, { token: facilitator }))
    // Nothing of that happened: the board and its links are as they were.
    const summary = await call(server, anna, 'GET', `/api/boards/${id}`, { token: participant })
    expect(summary.status).toBe(200)
    expect(summary.body).toMatchObject({ id, title: 'Vain kirjautuneille' })
    // The WebSocket says the same.
    const guest = openRaw(`${server.syncUrl}/${id}?token=${participant}`)
    expect(await guest.closed).toMatchObject({ code: CloseCode.Unauthorized, reason: 'sign-in required' })
  })

  it('still tells a forged token from a missing sign-in, and a token for another board', async () => {
    const { server } = suite
    const forged = await call(server, null, 'GET', `/api/boards/${board.id}`, { token: `${board.id}.participant.xxx` })
    expect(forged).toMatchObject({ status: 401, body: { error: 'unauthorized' } })
    const other = await createBoardAs(server, anna, 'Toinen')
    const elsewhere = await call(server, null, 'GET', `/api/boards/${board.id}`, { token: other.tokens.participant })
    expect(elsewhere).toMatchObject({ status: 403, body: { error: 'forbidden' } })
  })

  it('lets a signed-in person use the same tokens: ticket, export, import, promote, template, rotate', async () => {
    const { server } = suite
    const harri = await signIn(server.url, 'harri')
    const own = await createBoardAs(server, anna, 'Kaikki reitit')
    const facilitator = own.tokens.facilitator
    const ticket = await call(server, harri, 'POST', `/api/boards/${own.id}/ticket`, { token: own.tokens.participant })
    expect(ticket.status).toBe(200)
    expect(typeof ticket.body['ticket']).toBe('string')
    const imported = await call(server, anna, 'POST', `/api/boards/${own.id}/notes/import`, {
      token: facilitator,
      body: 'Lainaamo\nKorjauskahvila\n',
      type: 'text/plain',
    })
    expect(imported.status).toBe(201)
    const noteIds = (imported.body as unknown as ImportResult).notes.map((note) => note.id!)
    expect(noteIds).toHaveLength(2)
    const exported = await call(server, harri, 'GET', `/api/boards/${own.id}/export?format=json`, {
      token: own.tokens.participant,
    })
    expect(exported.status).toBe(200)
    const promoted = await call(server, anna, 'POST', `/api/boards/${own.id}/promote`, {
      token: facilitator,
      body: { noteIds: [noteIds[0]] },
    })
    expect(promoted.status).toBe(201)
    const template = await call(server, anna, 'POST', '/api/templates', {
      token: facilitator,
      body: { boardId: own.id, name: { fi: 'Pohja' } },
    })
    expect(template.status).toBe(201)
    const removed = await call(server, anna, 'DELETE', `/api/templates/${String(template.body['id'])}`, {
      token: facilitator,
    })
    expect(removed.status).toBe(204)
    const rotated = await call(server, anna, 'POST', `/api/boards/${own.id}/links/rotate`, {
      token: facilitator,
      body: {},
    })
    expect(rotated.status).toBe(200)
  })

  it('keeps HUB_TOKEN integrations working without a session', async () => {
    const { server } = suite
    const hub = server.app.config.HUB_TOKEN
    expect((await call(server, null, 'GET', '/api/ideas', { token: hub })).status).toBe(200)
    expect((await call(server, null, 'GET', '/api/admin/boards', { token: hub })).status).toBe(200)
    const doomed = await createBoardAs(server, anna, 'Integraation poistama')
    expect((await call(server, null, 'DELETE', `/api/boards/${doomed.id}`, { token: hub })).status).toBe(204)
  })
})

describe('share tokens with AUTH=oidc and guest links (the default)', () => {
  const suite = useSignInServer(true)

  it('admits a token alone on the HTTP API, as before', async () => {
    const { server } = suite
    const anna = await signIn(server.url, 'anna')
    const board = await createBoardAs(server, anna, 'Vieraat tervetulleita')
    expect(((await (await fetch(`${server.url}/api/me`)).json()) as MeResponse).guestLinks).toBe(true)
    const ticket = await call(server, null, 'POST', `/api/boards/${board.id}/ticket`, {
      token: board.tokens.participant,
    })
    expect(ticket.status).toBe(200)
    const links = await call(server, null, 'GET', `/api/boards/${board.id}/links`, { token: board.tokens.participant })
    expect(links.status).toBe(200)
  })
})

for (const backend of backends) {
  describe.skipIf(!backend.runs)(`deleting a board as its owner or an admin (AUTH=oidc, ${backend.name})`, () => {
    const suite = useSignInServer(true, backend)
    const audit = async (server: TestServer) =>
      (await call(server, null, 'GET', '/api/admin/audit', { token: server.app.config.HUB_TOKEN }))
        .body as unknown as AuditList
    const myBoards = async (server: TestServer, jar: CookieJar) =>
      (await call(server, jar, 'GET', '/api/boards')).body as unknown as MyBoards

    it('lets the person who created a board delete it without its facilitator link; others signed in get 403', async () => {
      const { server } = suite
      const anna = await signIn(server.url, 'anna')
      const harri = await signIn(server.url, 'harri')
      const board = await createBoardAs(server, anna, 'Annan taulu')
      expect((await myBoards(server, anna)).items.find((item) => item.id === board.id)).toMatchObject({ owner: true })

      // Harri joins with the facilitator link: a facilitator, not the owner.
      const cookie = harri.header(server.url)
      const socket = openRaw(`${server.syncUrl}/${board.id}?token=${board.tokens.facilitator}`, { cookie })
      await socket.opened
      await eventually(async () =>
        expect((await myBoards(server, harri)).items.find((item) => item.id === board.id)).toMatchObject({
          role: 'facilitator',
          owner: false,
        }),
      )
      socket.socket.close()
      const refused = await call(server, harri, 'DELETE', `/api/boards/${board.id}`)
      expect(refused.status).toBe(403)
      expect(refused.body).toMatchObject({ error: 'forbidden' })
      expect(refused.body.message).toMatch(/owner/)
      // Nobody signed in and no token: 401, as before.
      expect((await call(server, null, 'DELETE', `/api/boards/${board.id}`)).status).toBe(401)
      // A participant link does not delete, signed in or not.
      expect(
        (await call(server, harri, 'DELETE', `/api/boards/${board.id}`, { token: board.tokens.participant })).status,
      ).toBe(403)

      const deleted = await call(server, anna, 'DELETE', `/api/boards/${board.id}`)
      expect(deleted.status).toBe(204)
      expect(
        (await call(server, null, 'GET', `/api/boards/${board.id}`, { token: board.tokens.facilitator })).status,
      ).toBe(404)
      expect((await myBoards(server, anna)).items.some((item) => item.id === board.id)).toBe(false)
      const entry = (await audit(server)).items.find((item) => item.boardId === board.id)
      expect(entry).toMatchObject({ action: 'board-deleted', actor: 'owner', details: { userId: expect.any(String) } })
    })

    it('gives my boards with links that still work after the links were reset', async () => {
      const { server } = suite
      const anna = await signIn(server.url, 'anna')
      const board = await createBoardAs(server, anna, 'Linkit uusittu')
      const rotated = await call(server, anna, 'POST', `/api/boards/${board.id}/links/rotate`, {
        token: board.tokens.facilitator,
        body: { facilitator: true },
      })
      expect(rotated.status).toBe(200)
      const item = (await myBoards(server, anna)).items.find((entry) => entry.id === board.id)!
      expect(item.link).not.toBe(board.links.facilitator)
      const token = tokenFromHash(new URL(item.link).hash)!
      expect((await call(server, null, 'GET', `/api/boards/${board.id}/links`, { token })).body).toMatchObject({
        role: 'facilitator',
      })
    })

    it('lets a member of the admin group delete any board without a token', async () => {
      const { server } = suite
      const anna = await signIn(server.url, 'anna')
      const aino = await signIn(server.url, 'aino')
      const board = await createBoardAs(server, anna, 'Ylläpidon poistama')
      expect((await call(server, aino, 'DELETE', `/api/boards/${board.id}`)).status).toBe(204)
      const entry = (await audit(server)).items.find((item) => item.boardId === board.id)
      expect(entry).toMatchObject({ action: 'board-deleted', actor: 'admin' })
    })

    it('still lets the facilitator link delete, with or without a session', async () => {
      const { server } = suite
      const anna = await signIn(server.url, 'anna')
      const harri = await signIn(server.url, 'harri')
      const first = await createBoardAs(server, anna, 'Fasilitaattorin poistama')
      expect(
        (await call(server, harri, 'DELETE', `/api/boards/${first.id}`, { token: first.tokens.facilitator })).status,
      ).toBe(204)
      const second = await createBoardAs(server, anna, 'Linkillä poistettu')
      expect(
        (await call(server, null, 'DELETE', `/api/boards/${second.id}`, { token: second.tokens.facilitator })).status,
      ).toBe(204)
    })
  })
}
