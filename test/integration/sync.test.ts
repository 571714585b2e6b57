import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNote, listNotes, noteText, readMeta, updateNote } from '@shared/board/index.ts'
import {
  connectClient,
  connectClients,
  docJson,
  expectPresenceComesAndGoes,
  type TestClient,
} from '../helpers/clients.ts'
import { eventually } from '../helpers/poll.ts'
import { startServer, type TestServer } from '../helpers/server.ts'

const author = { authorId: 'p1', authorName: 'Aino', color: '#fde68a', zone: null }

describe('sync between real y-websocket clients', () => {
  let server: TestServer
  const clients: TestClient[] = []
  const track = <T extends TestClient | TestClient[]>(value: T): T => {
    clients.push(...(Array.isArray(value) ? value : [value]))
    return value
  }

  beforeAll(async () => {
    server = await startServer()
  })
  afterAll(async () => {
    for (const client of clients) client.destroy()
    await server.close()
  })

  it('gives a new client the board as created (meta from the server)', async () => {
    const board = await server.createBoard('Kaupungin ideat')
    const client = track(connectClient(server.syncUrl, board.id, board.tokens.participant))
    await client.synced()
    await eventually(() => expect(readMeta(client.doc).title).toBe('Kaupungin ideat'))
  })

  it('two clients converge on a note and its text', async () => {
    const board = await server.createBoard()
    const [a, b] = track(await connectClients(server.syncUrl, board.id, board.tokens.participant, 2)) as [
      TestClient,
      TestClient,
    ]
    const id = createNote(a.doc, { ...author, x: 10, y: 20, text: 'Pyöräparkki torille' })
    await eventually(() => expect(listNotes(b.doc).map((note) => note.text)).toEqual(['Pyöräparkki torille']))
    updateNote(b.doc, id, { x: 300 })
    await eventually(() => expect(listNotes(a.doc)[0]?.x).toBe(300))
    expect(docJson(a.doc)).toEqual(docJson(b.doc))
  })

  it('ten clients converge on notes each of them wrote', async () => {
    const board = await server.createBoard()
    const ten = track(await connectClients(server.syncUrl, board.id, board.tokens.participant, 10))
    ten.forEach((client, i) => createNote(client.doc, { ...author, x: i * 10, y: 0, text: `note ${i}` }))
    await eventually(() => {
      for (const client of ten) expect(listNotes(client.doc)).toHaveLength(10)
    })
    const first = docJson(ten[0]!.doc)
    for (const client of ten) expect(docJson(client.doc)).toEqual(first)
  })

  it('concurrent edits of one Y.Text converge', async () => {
    const board = await server.createBoard()
    const [a, b, c] = track(await connectClients(server.syncUrl, board.id, board.tokens.participant, 3)) as [
      TestClient,
      TestClient,
      TestClient,
    ]
    const id = createNote(a.doc, { ...author, x: 0, y: 0, text: 'idea' })
    await eventually(() => expect(noteText(b.doc, id) && noteText(c.doc, id)).toBeTruthy())
    // Three writers at once, before any of them sees the others.
    noteText(a.doc, id)!.insert(0, 'A:')
    noteText(b.doc, id)!.insert(4, ' B')
    noteText(c.doc, id)!.insert(4, ' C')
    await eventually(() => {
      const texts = [a, b, c].map((client) => noteText(client.doc, id)!.toString())
      expect(new Set(texts).size).toBe(1)
      expect(texts[0]).toContain('A:')
      expect(texts[0]).toContain(' B')
      expect(texts[0]).toContain(' C')
    })
  })

  it('a late joiner gets everything written before it came', async () => {
    const board = await server.createBoard()
    const early = track(connectClient(server.syncUrl, board.id, board.tokens.participant))
    await early.synced()
    for (let i = 0; i < 50; i++) createNote(early.doc, { ...author, x: i, y: i, text: `early ${i}` })
    const late = track(connectClient(server.syncUrl, board.id, board.tokens.viewer))
    await late.synced()
    await eventually(() => expect(listNotes(late.doc)).toHaveLength(50))
    expect(docJson(late.doc)).toEqual(docJson(early.doc))
  })

  it('awareness appears for others and disappears when a client leaves', async () => {
    const board = await server.createBoard()
    const watcher = track(connectClient(server.syncUrl, board.id, board.tokens.viewer))
    await expectPresenceComesAndGoes(watcher, connectClient(server.syncUrl, board.id, board.tokens.participant))
  })
})
