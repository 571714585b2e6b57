import WebSocket from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNote, setVotes } from '@shared/board/index.ts'
import type { MeResponse, MyBoards } from '@shared/api/me.ts'
import type { BoardCreated } from '@shared/api/boards.ts'
import { CloseCode } from '@shared/protocol.ts'
import { openVoting } from '@shared/facilitation/index.ts'
import { openRaw } from '../helpers/clients.ts'
import { startIdentityProvider, type IdentityProvider } from '../helpers/identity-provider.ts'
import { eventually } from '../helpers/poll.ts'
import { serverBackends } from '../helpers/backends.ts'
import type { TestServer } from '../helpers/server.ts'
import { freePort, signIn, type CookieJar } from '../helpers/sign-in.ts'

/** A y-websocket provider in Node that sends the browser's cookies on the upgrade, as browsers do. */
function connectWithCookie(server: TestServer, boardId: string, token: string, cookie: string, participant: string) {
  const doc = new Y.Doc()
  const CookieSocket = class extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers: { cookie } })
    }
  }
  const provider = new WebsocketProvider(server.syncUrl, boardId, doc, {
    params: { token, participant },
    WebSocketPolyfill: CookieSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  })
  return { doc, provider, destroy: () => (provider.destroy(), doc.destroy()) }
}

const backends = (await serverBackends()).filter((backend) => backend.runs)

/** Share links and the WebSocket with AUTH=oidc and GUEST_LINKS=false, on SQLite and PostgreSQL. */
describe.each(backends)('boards with sign-in and without guest links ($name)', (backend) => {
  let idp: IdentityProvider
  let server: TestServer
  let anna: CookieJar
  let board: BoardCreated
  beforeAll(async () => {
    const port = await freePort()
    const url = `http://127.0.0.1:${port}`
    idp = await startIdentityProvider({ redirectUris: [`${url}/auth/callback`] })
    server = await backend.start({ ...idp.env, PUBLIC_URL: url, GUEST_LINKS: 'false' }, { port })
    anna = await signIn(server.url, 'anna')
    const response = await anna.fetch(`${server.url}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Signed in', template: 'blank' }),
    })
    board = (await response.json()) as BoardCreated
  })
  afterAll(async () => {
    await server?.close()
    await idp?.close()
  })

  it('closes the WebSocket of a participant link without sign-in with 4401, and admits a signed-in person', async () => {
    expect(((await (await fetch(`${server.url}/api/me`)).json()) as MeResponse).guestLinks).toBe(false)
    const guest = openRaw(`${server.syncUrl}/${board.id}?token=${board.tokens.participant}`)
    expect(await guest.closed).toMatchObject({ code: CloseCode.Unauthorized, reason: 'sign-in required' })
    const cookie = anna.header(server.url)
    const member = openRaw(`${server.syncUrl}/${board.id}?token=${board.tokens.participant}`, { cookie })
    await member.opened
    await eventually(() => expect(member.messages.length).toBeGreaterThan(0))
    member.socket.close()
  })

  it('makes a signed-in person one participant in every tab: one vote budget, their real name', async () => {
    const harri = await signIn(server.url, 'harri')
    const harriId = ((await (await harri.fetch(`${server.url}/api/me`)).json()) as MeResponse).user!.id
    const facilitator = connectWithCookie(server, board.id, board.tokens.facilitator, anna.header(server.url), 'fac')
    await eventually(() => expect(facilitator.provider.synced).toBe(true))
    const [first, second] = ['a', 'b'].map(() => createNote(facilitator.doc, noteAt(100)))
    openVoting(facilitator.doc, 1)
    // Two tabs of the same person, each with its own device participant id.
    const tab1 = connectWithCookie(server, board.id, board.tokens.participant, harri.header(server.url), 'tab-one')
    const tab2 = connectWithCookie(server, board.id, board.tokens.participant, harri.header(server.url), 'tab-two')
    try {
      await eventually(() => expect(tab1.provider.synced && tab2.provider.synced).toBe(true))
      await eventually(() => expect(tab1.doc.getMap('names').get(harriId)).toBe('Harri Hubinen'))
      await eventually(() => expect(tab2.doc.getMap('session').get('voting')).toMatchObject({ open: true }))
      // A vote under the tab's own id is not this person's.
      await eventually(() => expect(tab1.doc.getMap('notes').has(first!)).toBe(true))
      setVotes(tab1.doc, first!, 'tab-one', 1)
      await eventually(() => expect(votesOn(tab1.doc, first!)).toEqual({}))
      setVotes(tab1.doc, first!, harriId, 1)
      await eventually(() => expect(votesOn(facilitator.doc, first!)).toEqual({ [harriId]: 1 }))
      // The second tab has no dot left: the budget is the person's.
      setVotes(tab2.doc, second!, harriId, 1)
      await eventually(() => expect(votesOn(tab2.doc, second!)).toEqual({}))
      expect(votesOn(facilitator.doc, first!)).toEqual({ [harriId]: 1 })
      await eventually(async () => {
        const mine = (await (await harri.fetch(`${server.url}/api/boards`)).json()) as MyBoards
        expect(mine.items.map((item) => [item.id, item.role])).toEqual([[board.id, 'participant']])
      })
    } finally {
      tab1.destroy()
      tab2.destroy()
      facilitator.destroy()
    }
  })
})

const noteAt = (x: number) => ({ x, y: 100, color: '#fde68a', zone: null, authorId: 'fac', authorName: 'F', text: 'n' })

function votesOn(doc: Y.Doc, noteId: string): Record<string, number> {
  const votes = (doc.getMap('notes').get(noteId) as Y.Map<unknown> | undefined)?.get('votes')
  return votes instanceof Y.Map ? votes.toJSON() : {}
}
