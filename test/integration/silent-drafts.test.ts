import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { BoardCreated } from '@shared/api/boards.ts'
import { createNote, listNotes, readSession, setVotes } from '@shared/board/index.ts'
import { enterPhase, setSessionFlags } from '@shared/facilitation/index.ts'
import { newId } from '@shared/ids.ts'
import { CloseCode } from '@shared/protocol.ts'
import { connectClient, openRaw, type TestClient } from '../helpers/clients.ts'
import { eventually } from '../helpers/poll.ts'
import { startServer, tempDataDir, type TestServer } from '../helpers/server.ts'

/**
 * Silent mode with private drafts: notes written into a participant's draft never reach
 * another browser until the reveal, then appear on the board once, with the same id and
 * author, for everyone.
 */

const utf8 = new TextEncoder()

function contains(haystack: readonly Uint8Array[], text: string): boolean {
  const needle = utf8.encode(text)
  return haystack.some((bytes) => {
    outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
      for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer
      return true
    }
    return false
  })
}

function noteOf(doc: Y.Doc, id: string) {
  return listNotes(doc).find((note) => note.id === id)
}

const place = { x: 100, y: 100, color: '#fde68a', zone: null }

describe('silent mode with private drafts (SQLite, real y-websocket clients)', () => {
  let server: TestServer
  const clients: TestClient[] = []
  const track = (client: TestClient) => {
    clients.push(client)
    return client
  }

  beforeAll(async () => {
    server = await startServer()
  })
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy()
  })
  afterAll(async () => {
    await server.close()
  })

  async function silentBoard() {
    const board: BoardCreated = await server.createBoard('Hiljainen ideointi')
    const bReceived: Uint8Array[] = []
    const fReceived: Uint8Array[] = []
    const facilitator = track(
      connectClient(server.syncUrl, board.id, board.tokens.facilitator, { received: fReceived }),
    )
    const aino = track(
      connectClient(server.syncUrl, board.id, board.tokens.participant, { params: { participant: 'aino' } }),
    )
    const bert = track(
      connectClient(server.syncUrl, board.id, board.tokens.participant, {
        params: { participant: 'bert' },
        received: bReceived,
      }),
    )
    const ainoKey = newId(24)
    const ainoDraft = track(
      connectClient(server.syncUrl, board.id, board.tokens.participant, {
        params: { participant: 'aino', draft: ainoKey },
      }),
    )
    const bertDraft = track(
      connectClient(server.syncUrl, board.id, board.tokens.participant, {
        params: { participant: 'bert', draft: newId(24) },
        received: bReceived,
      }),
    )
    const facilitatorDraft = track(
      connectClient(server.syncUrl, board.id, board.tokens.facilitator, {
        params: { draft: newId(24) },
        received: fReceived,
      }),
    )
    await Promise.all(
      [facilitator, aino, bert, ainoDraft, bertDraft, facilitatorDraft].map((client) => client.synced()),
    )
    setSessionFlags(facilitator.doc, { silent: true })
    await eventually(() => expect(readSession(aino.doc).silent && readSession(bert.doc).silent).toBe(true))
    return { board, facilitator, aino, bert, ainoKey, ainoDraft, bertDraft, facilitatorDraft, bReceived, fReceived }
  }

  /** Resolves once the server holds the draft's notes (a second device with the key sees them). */
  async function storedInDraft(board: BoardCreated, key: string, ids: string[]): Promise<void> {
    const probe = track(connectClient(server.syncUrl, board.id, board.tokens.participant, { params: { draft: key } }))
    await eventually(() =>
      expect(
        listNotes(probe.doc)
          .map((note) => note.id)
          .sort(),
      ).toEqual([...ids].sort()),
    )
    probe.destroy()
  }

  it("keeps a draft note off everyone else's documents and sockets until the reveal, then shows it once", async () => {
    const s = await silentBoard()
    const secret = `Kirjastoon-lainattavat-porakoneet-${newId(6)}`
    const id = createNote(s.ainoDraft.doc, { ...place, text: secret, authorId: 'aino', authorName: 'Aino' })
    await storedInDraft(s.board, s.ainoKey, [id])

    // Everything the server sends goes through the same ordered sockets; a marker written after
    // the draft note and seen by Bert and the facilitator means they would have the note by now.
    const marker = createNote(s.aino.doc, { ...place, text: 'merkki', authorId: 'aino', authorName: 'Aino' })
    await eventually(() => expect(noteOf(s.bert.doc, marker) && noteOf(s.facilitator.doc, marker)).toBeTruthy())
    for (const doc of [s.bert.doc, s.facilitator.doc, s.aino.doc, s.bertDraft.doc, s.facilitatorDraft.doc]) {
      expect(noteOf(doc, id)).toBeUndefined()
      expect(JSON.stringify(doc.getMap('notes').toJSON())).not.toContain(secret)
    }
    expect(contains(s.bReceived, secret)).toBe(false)
    expect(contains(s.fReceived, secret)).toBe(false)
    expect(contains(s.bReceived, 'merkki')).toBe(true) // the check itself can see text

    setSessionFlags(s.facilitator.doc, { silent: false })
    for (const doc of [s.facilitator.doc, s.aino.doc, s.bert.doc]) {
      await eventually(() =>
        expect(noteOf(doc, id)).toMatchObject({ text: secret, authorId: 'aino', authorName: 'Aino' }),
      )
    }
    await eventually(() => expect(listNotes(s.ainoDraft.doc)).toEqual([]))
    expect(listNotes(s.bert.doc).filter((note) => note.text === secret)).toHaveLength(1)
  })

  it('reveals at a phase change to a phase that is not silent, and not at one that stays silent', async () => {
    const board = await server.createBoard('Aivoriihi', 'brainstorm')
    const facilitator = track(connectClient(server.syncUrl, board.id, board.tokens.facilitator))
    const aino = track(
      connectClient(server.syncUrl, board.id, board.tokens.participant, { params: { participant: 'aino' } }),
    )
    const draft = track(
      connectClient(server.syncUrl, board.id, board.tokens.participant, { params: { draft: newId(24) } }),
    )
    await Promise.all([facilitator.synced(), aino.synced(), draft.synced()])
    enterPhase(facilitator.doc, 'silent-writing', Date.now())
    await eventually(() => expect(readSession(aino.doc).silent).toBe(true))
    const id = createNote(draft.doc, { ...place, text: 'vaiheen vaihto', authorId: 'aino', authorName: 'Aino' })
    // A session write that keeps it silent reveals nothing.
    setSessionFlags(facilitator.doc, { locked: true })
    await eventually(() => expect(readSession(aino.doc).locked).toBe(true))
    expect(noteOf(aino.doc, id)).toBeUndefined()
    enterPhase(facilitator.doc, 'reveal', Date.now())
    await eventually(() => expect(noteOf(aino.doc, id)).toMatchObject({ text: 'vaiheen vaihto', authorId: 'aino' }))
    await eventually(() => expect(listNotes(draft.doc)).toEqual([]))
  })

  it('moves a straggler written into a draft after the reveal onto the board exactly once', async () => {
    const s = await silentBoard()
    setSessionFlags(s.facilitator.doc, { silent: false })
    await eventually(() => expect(readSession(s.aino.doc).silent).toBe(false))
    const id = createNote(s.ainoDraft.doc, { ...place, text: 'myöhästynyt', authorId: 'aino', authorName: 'Aino' })
    await eventually(() => expect(noteOf(s.bert.doc, id)).toMatchObject({ text: 'myöhästynyt', authorId: 'aino' }))
    await eventually(() => expect(listNotes(s.ainoDraft.doc)).toEqual([]))
    expect(listNotes(s.bert.doc).filter((note) => note.id === id)).toHaveLength(1)
  })

  it('is no way around the lock: outside a reveal a draft note reaches the board only where a participant could write it', async () => {
    const s = await silentBoard()
    setSessionFlags(s.facilitator.doc, { silent: false, locked: true })
    await eventually(() => expect(readSession(s.aino.doc)).toMatchObject({ silent: false, locked: true }))
    const held = createNote(s.ainoDraft.doc, { ...place, text: 'lukon ohi?', authorId: 'aino', authorName: 'Aino' })
    await storedInDraft(s.board, s.ainoKey, [held])
    // Drafts of one board are settled one after another: once the facilitator's later draft
    // note (not held back) is on the board, Aino's has been judged.
    const facilitators = createNote(s.facilitatorDraft.doc, {
      ...place,
      text: 'fasilitaattorin',
      authorId: 'fasi',
      authorName: 'Fasi',
    })
    await eventually(() => expect(noteOf(s.bert.doc, facilitators)).toBeTruthy())
    expect(noteOf(s.bert.doc, held)).toBeUndefined()
    expect(noteOf(s.facilitator.doc, held)).toBeUndefined()
    expect(noteOf(s.ainoDraft.doc, held)).toMatchObject({ text: 'lukon ohi?' }) // kept for later

    setSessionFlags(s.facilitator.doc, { locked: false })
    await eventually(() => expect(readSession(s.aino.doc).locked).toBe(false))
    const next = createNote(s.ainoDraft.doc, { ...place, x: 300, text: 'avattu', authorId: 'aino', authorName: 'Aino' })
    for (const id of [held, next]) await eventually(() => expect(noteOf(s.bert.doc, id)).toBeTruthy())
    await eventually(() => expect(listNotes(s.ainoDraft.doc)).toEqual([]))
  })

  it('gives viewers no drafts (4403) and refuses a malformed draft key', async () => {
    const board = await server.createBoard('Näyttö')
    const viewer = openRaw(`${server.syncUrl}/${board.id}?token=${board.tokens.viewer}&draft=${newId(24)}`)
    expect((await viewer.closed).code).toBe(CloseCode.Forbidden)
    const short = openRaw(`${server.syncUrl}/${board.id}?token=${board.tokens.participant}&draft=abc`)
    expect((await short.closed).code).toBe(CloseCode.Forbidden)
    const noBoard = openRaw(`${server.syncUrl}/nosuchboard1?token=${board.tokens.participant}&draft=${newId(24)}`)
    expect((await noBoard.closed).code).toBe(CloseCode.Forbidden) // the token is for another board
  })

  it('takes a wrong draft key to a different, empty draft', async () => {
    const s = await silentBoard()
    const id = createNote(s.ainoDraft.doc, { ...place, text: 'oma', authorId: 'aino', authorName: 'Aino' })
    await storedInDraft(s.board, s.ainoKey, [id])
    const guesser = track(
      connectClient(server.syncUrl, s.board.id, s.board.tokens.participant, { params: { draft: `${s.ainoKey}x` } }),
    )
    await guesser.synced()
    expect(listNotes(guesser.doc)).toEqual([])
    // The same key on another board is another draft too.
    const other = await server.createBoard('Toinen')
    const elsewhere = track(
      connectClient(server.syncUrl, other.id, other.tokens.participant, { params: { draft: s.ainoKey } }),
    )
    await elsewhere.synced()
    expect(listNotes(elsewhere.doc)).toEqual([])
  })

  it('refuses what a draft may not hold: other roots, votes', async () => {
    const s = await silentBoard()
    s.ainoDraft.doc.getMap('session').set('silent', false)
    const id = createNote(s.ainoDraft.doc, { ...place, text: 'ääni', authorId: 'aino', authorName: 'Aino' })
    await storedInDraft(s.board, s.ainoKey, [id])
    expect(s.ainoDraft.doc.getMap('session').get('silent')).toBeUndefined() // reverted by the server
    expect(readSession(s.aino.doc).silent).toBe(true)
    setVotes(s.ainoDraft.doc, id, 'aino', 2)
    await eventually(() => expect(noteOf(s.ainoDraft.doc, id)?.votes).toEqual({})) // reverted too
  })
})

describe('drafts are durable', () => {
  it('survive a server restart (same SQLite file) and are revealed afterwards', async () => {
    const dataDir = tempDataDir()
    let server = await startServer({}, { dataDir })
    const board = await server.createBoard('Uudelleenkäynnistys')
    const key = newId(24)
    const facilitator = connectClient(server.syncUrl, board.id, board.tokens.facilitator)
    await facilitator.synced()
    setSessionFlags(facilitator.doc, { silent: true })
    const draft = connectClient(server.syncUrl, board.id, board.tokens.participant, { params: { draft: key } })
    await draft.synced()
    await eventually(() => expect(readSession(facilitator.doc).silent).toBe(true))
    const id = createNote(draft.doc, { ...place, text: 'säilyy', authorId: 'aino', authorName: 'Aino' })
    const second = connectClient(server.syncUrl, board.id, board.tokens.participant, { params: { draft: key } })
    await eventually(() => expect(noteOf(second.doc, id)).toBeTruthy())
    for (const client of [facilitator, draft, second]) client.destroy()
    await server.close()

    server = await startServer({}, { dataDir })
    try {
      const again = connectClient(server.syncUrl, board.id, board.tokens.participant, { params: { draft: key } })
      await eventually(() => expect(noteOf(again.doc, id)).toMatchObject({ text: 'säilyy' }))
      const facilitator2 = connectClient(server.syncUrl, board.id, board.tokens.facilitator)
      await facilitator2.synced()
      expect(noteOf(facilitator2.doc, id)).toBeUndefined()
      // The reveal finds drafts nobody has open: they are read from storage.
      again.destroy()
      setSessionFlags(facilitator2.doc, { silent: false })
      await eventually(() => expect(noteOf(facilitator2.doc, id)).toMatchObject({ text: 'säilyy', authorId: 'aino' }))
      facilitator2.destroy()
    } finally {
      await server.close()
    }
  })
})
