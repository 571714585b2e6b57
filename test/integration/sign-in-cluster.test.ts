import WebSocket from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MeResponse, MyBoards } from '@shared/api/me.ts'
import type { BoardCreated } from '@shared/api/boards.ts'
import { createNote, listNotes, setVotes } from '@shared/board/index.ts'
import { openVoting, setSessionFlags } from '@shared/facilitation/index.ts'
import { newId } from '@shared/ids.ts'
import { CloseCode, CloseReason } from '@shared/protocol.ts'
import { startChildServer, type ChildServer } from '../helpers/child-server.ts'
import { openRaw } from '../helpers/clients.ts'
import { startIdentityProvider, type IdentityProvider } from '../helpers/identity-provider.ts'
import { eventually } from '../helpers/poll.ts'
import { tempDataDir } from '../helpers/server.ts'
import {
  createTestDatabase,
  deleteKeys,
  deploymentEnv,
  probePostgres,
  probeRedis,
  requireService,
  TEST_REDIS_URL,
  testKeyPrefix,
  type TestDatabase,
} from '../helpers/services.ts'
import { CookieJar, freePort, signIn, signInAtProvider } from '../helpers/sign-in.ts'

/**
 * Sign-in in a real cluster: two server processes (child processes, AUTH=oidc, GUEST_LINKS=false)
 * on one PostgreSQL database and one Redis, one public address, behind the test identity
 * provider. A sign-in begun on one process can be finished by the other. A session started
 * through one process is the same person on the other — /api/me, and on a board — and signing
 * out through one ends it on the other, closing the board connections it opened there; a board deleted through one closes its sockets, the
 * drafts' too, on the other with 4404.
 */
const [postgres, redis] = await Promise.all([probePostgres(), probeRedis()])
const missing = [postgres, redis].filter((status) => !status.available)
const runs = missing.every((status) => requireService(status))

/** A y-websocket client in Node that sends a cookie on the upgrade, as a browser does. */
function connectWithCookie(syncUrl: string, boardId: string, params: Record<string, string>, cookie: string) {
  const doc = new Y.Doc()
  const CookieSocket = class extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers: { cookie } })
    }
  }
  const provider = new WebsocketProvider(syncUrl, boardId, doc, {
    params,
    WebSocketPolyfill: CookieSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 300,
  })
  return { doc, provider, destroy: () => (provider.destroy(), doc.destroy()) }
}

function votesOn(doc: Y.Doc, noteId: string): Record<string, number> {
  const votes = (doc.getMap('notes').get(noteId) as Y.Map<unknown> | undefined)?.get('votes')
  return votes instanceof Y.Map ? votes.toJSON() : {}
}

const json = async <T>(response: Response): Promise<T> => (await response.json()) as T

describe.skipIf(!runs)(
  `sign-in in a cluster of two processes${runs ? '' : ` (skipped: ${missing.map((s) => s.reason).join('; ')})`}`,
  () => {
    let database: TestDatabase
    let keyPrefix: string
    let idp: IdentityProvider
    let a: ChildServer
    let b: ChildServer
    const cleanups: Array<() => void> = []

    beforeAll(async () => {
      database = await createTestDatabase()
      keyPrefix = testKeyPrefix()
      const [portA, portB] = [await freePort(), await freePort()]
      // One public address for both processes, as behind a load balancer: A's. B is reached
      // at its own port, as the balancer would send a request there.
      const publicUrl = `http://127.0.0.1:${portA}`
      idp = await startIdentityProvider({ redirectUris: [`${publicUrl}/auth/callback`] })
      const env = {
        ...deploymentEnv(database.url, TEST_REDIS_URL, keyPrefix),
        ...idp.env,
        PUBLIC_URL: publicUrl,
        PG_POOL_MAX: '4',
        GUEST_LINKS: 'false',
      }
      const [childA, childB] = await Promise.all([
        startChildServer(tempDataDir(), env, { port: portA }),
        startChildServer(tempDataDir(), env, { port: portB }),
      ])
      a = childA
      b = { ...childB, url: `http://127.0.0.1:${portB}`, syncUrl: `ws://127.0.0.1:${portB}/sync` }
    }, 120_000)
    afterAll(async () => {
      for (const cleanup of cleanups.splice(0)) cleanup()
      for (const child of [a, b]) {
        if (!child) continue
        child.kill('SIGTERM')
        await child.exited
      }
      await idp?.close()
      await database?.drop()
      await deleteKeys(keyPrefix).catch(() => undefined)
    })

    /** The session cookie a jar got from process A, as the header the browser sends to every process of the site. */
    const sessionCookie = (jar: CookieJar) => `kokeileva_session=${jar.get(a.url, 'kokeileva_session')}`
    const meOn = async (server: ChildServer, cookie: string) =>
      json<MeResponse>(await fetch(`${server.url}/api/me`, { headers: { cookie } }))

    it('a session started on A is the same person on B, on a board too; signing out on A ends it on B', async () => {
      const anna = await signIn(a.url, 'anna')
      const created = await anna.fetch(`${a.url}/api/boards`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Kahden prosessin lauta', template: 'blank' }),
      })
      expect(created.status).toBe(201)
      const board = await json<BoardCreated>(created)

      const harri = await signIn(a.url, 'harri')
      const cookie = sessionCookie(harri)
      const onA = await meOn(a, cookie)
      expect(onA.user).toMatchObject({ name: 'Harri Hubinen', roles: ['hub'] })
      expect(await meOn(b, cookie)).toEqual(onA)
      const harriId = onA.user!.id

      // Harri joins the board on B: as himself (his account's id and name), whatever the tab says.
      const onB = connectWithCookie(
        b.syncUrl,
        board.id,
        { token: board.tokens.participant, participant: 'tab-b' },
        cookie,
      )
      cleanups.push(onB.destroy)
      const facilitatorOnA = connectWithCookie(
        a.syncUrl,
        board.id,
        { token: board.tokens.facilitator },
        sessionCookie(anna),
      )
      cleanups.push(facilitatorOnA.destroy)
      await eventually(() => expect(onB.provider.synced && facilitatorOnA.provider.synced).toBe(true))
      await eventually(() => expect(facilitatorOnA.doc.getMap('names').get(harriId)).toBe('Harri Hubinen'))
      const place = { x: 10, y: 10, color: '#fde68a', zone: null, text: 'Kahdessa prosessissa' }
      const note = createNote(facilitatorOnA.doc, { ...place, authorId: 'fac', authorName: 'Anna Virtanen' })
      openVoting(facilitatorOnA.doc, 1)
      await eventually(() => expect(onB.doc.getMap('session').get('voting')).toMatchObject({ open: true }))
      await eventually(() => expect(listNotes(onB.doc).map((n) => n.id)).toContain(note))
      // His dot counts under his account's id, not under the tab's.
      setVotes(onB.doc, note, 'tab-b', 1)
      await eventually(() => expect(votesOn(onB.doc, note)).toEqual({}))
      setVotes(onB.doc, note, harriId, 1)
      await eventually(() => expect(votesOn(facilitatorOnA.doc, note)).toEqual({ [harriId]: 1 }))
      // Joined through B, listed through A (any device, any process).
      await eventually(async () => {
        const mine = await json<MyBoards>(await harri.fetch(`${a.url}/api/boards`))
        expect(mine.items.map((item) => [item.id, item.role])).toEqual([[board.id, 'participant']])
      })

      // Signing out on A ends the session on B: no person, and no board without guest links;
      // the board connections it opened on B close (they spoke as him). Anna's stay open.
      const openOnB = openRaw(`${b.syncUrl}/${board.id}?token=${board.tokens.participant}`, { cookie })
      await openOnB.opened
      await eventually(() => expect(openOnB.messages.length).toBeGreaterThan(0))
      expect((await harri.fetch(`${a.url}/auth/logout`, { method: 'POST' })).status).toBe(204)
      expect(await openOnB.closed).toEqual({ code: CloseCode.Unauthorized, reason: CloseReason.SignedOut })
      await eventually(() => expect(onB.provider.wsconnected).toBe(false))
      expect(facilitatorOnA.provider.wsconnected).toBe(true)
      expect((await meOn(b, cookie)).user).toBeNull()
      expect((await fetch(`${b.url}/api/boards`, { headers: { cookie } })).status).toBe(401)
      const refused = openRaw(`${b.syncUrl}/${board.id}?token=${board.tokens.participant}`, { cookie })
      expect(await refused.closed).toMatchObject({ code: CloseCode.Unauthorized, reason: 'sign-in required' })
      // Anna's session, started on the same process, goes on.
      expect((await meOn(b, sessionCookie(anna))).user).toMatchObject({ name: 'Anna Virtanen' })
    })

    it('a sign-in begun on A is finished by B (the callback reaches another process)', async () => {
      const jar = new CookieJar()
      const callback = await signInAtProvider(jar, a.url, 'aino', '/admin')
      const login = jar.get(a.url, 'kokeileva_login')
      expect(login).not.toBeNull()
      const done = await fetch(callback.replace(a.url, b.url), {
        headers: { cookie: `kokeileva_login=${login}` },
        redirect: 'manual',
      })
      expect(done.status).toBe(302)
      expect(done.headers.get('location')).toBe('/admin')
      const session = done.headers
        .getSetCookie()
        .find((line) => line.startsWith('kokeileva_session='))!
        .split(';')[0]!
      expect((await meOn(a, session)).user).toMatchObject({ name: 'Aino Ylläpito', roles: ['admin'] })
    })

    it('a board deleted through A closes its sockets on B, the drafts’ too, with 4404', async () => {
      const anna = await signIn(a.url, 'anna')
      const created = await anna.fetch(`${a.url}/api/boards`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Poistetaan A:n kautta', template: 'blank' }),
      })
      const board = await json<BoardCreated>(created)
      const cookie = sessionCookie(anna)
      const facilitatorOnB = connectWithCookie(b.syncUrl, board.id, { token: board.tokens.facilitator }, cookie)
      cleanups.push(facilitatorOnB.destroy)
      await eventually(() => expect(facilitatorOnB.provider.synced).toBe(true))
      setSessionFlags(facilitatorOnB.doc, { silent: true })
      const draftOnB = openRaw(`${b.syncUrl}/${board.id}?token=${board.tokens.participant}&draft=${newId(24)}`, {
        cookie,
      })
      const boardOnB = openRaw(`${b.syncUrl}/${board.id}?token=${board.tokens.participant}`, { cookie })
      await Promise.all([draftOnB.opened, boardOnB.opened])
      await eventually(() => expect(draftOnB.messages.length && boardOnB.messages.length).toBeGreaterThan(0))

      const deleted = await fetch(`${a.url}/api/boards/${board.id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${board.tokens.facilitator}`, cookie },
      })
      expect(deleted.status).toBe(204)
      expect((await boardOnB.closed).code).toBe(CloseCode.NotFound)
      expect((await draftOnB.closed).code).toBe(CloseCode.NotFound)
      await eventually(() => expect(facilitatorOnB.provider.wsconnected).toBe(false))
      const again = openRaw(`${b.syncUrl}/${board.id}?token=${board.tokens.participant}`, { cookie })
      expect((await again.closed).code).toBe(CloseCode.NotFound)
    })
  },
)
