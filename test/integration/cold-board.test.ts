import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createNote, deleteNotes, listNotes, noteText, updateNote } from '@shared/board/index.ts'
import { SyncMessageType } from '@shared/protocol.ts'
import { docFromState } from '../../server/sync/board-state.ts'
import type { BoardRoom } from '../../server/sync/room.ts'
import { connectClient, docJson, noteTexts } from '../helpers/clients.ts'
import { eventually } from '../helpers/poll.ts'
import { decodeServerMessage } from '../helpers/protocol.ts'
import { startServer, tempDataDir, type TestServer } from '../helpers/server.ts'
import { closedAfterEach } from '../helpers/closing.ts'

const author = { authorId: 'p1', authorName: 'Aino', color: '#fde68a', zone: null }

/**
 * A loaded board that nobody writes to is held as its stored bytes (BoardRoom, StoredState):
 * joiners are answered from them, the document is built for the first write, and let go again
 * when the board is quiet (DOC_IDLE_MS). None of it may change what a client receives, what
 * the rules refuse, or what storage keeps.
 */
describe('a board held as bytes until someone writes', () => {
  const { use, later } = closedAfterEach()

  const loadedRoom = async (server: TestServer, boardId: string): Promise<BoardRoom> => {
    const room = await server.app.sync.rooms.peek(boardId)
    if (!room) throw new Error('the board is not loaded')
    return room
  }

  /** A board with notes, edits and deletions, written by a client and then unloaded (compacted). */
  async function storedBoard(server: TestServer) {
    const board = await server.createBoard()
    const writer = connectClient(server.syncUrl, board.id, board.tokens.participant)
    await writer.synced()
    for (let i = 0; i < 30; i++) createNote(writer.doc, { ...author, id: `n${i}`, x: i, y: 0, text: `note ${i} ✓` })
    updateNote(writer.doc, 'n1', { x: 500 })
    noteText(writer.doc, 'n1')?.insert(0, 'edited 😀 ')
    deleteNotes(writer.doc, ['n2', 'n3'])
    await eventually(async () => {
      const stored = await server.app.storage.boards.loadBoardState(board.id)
      const doc = stored && docFromState(stored)
      expect(doc && listNotes(doc)).toHaveLength(28)
      doc?.destroy()
    })
    writer.destroy()
    await eventually(() => expect(server.app.sync.rooms.loadedCount).toBe(0))
    const stored = await server.app.storage.boards.loadBoardState(board.id)
    expect(stored?.updates).toHaveLength(0) // compacted on unload: one snapshot
    return { board, snapshot: stored!.snapshot! }
  }

  it("answers a joiner with the stored snapshot's own bytes, without building the document", async () => {
    const server = use(await startServer({ IDLE_UNLOAD_MS: '50' }))
    const { board, snapshot } = await storedBoard(server)

    const received: Uint8Array[] = []
    const reader = use(connectClient(server.syncUrl, board.id, board.tokens.viewer, { received }))
    await reader.synced()
    const room = await loadedRoom(server, board.id)
    expect(room.isBuilt).toBe(false)
    // The answer to the joiner's sync step 1 is the snapshot, byte for byte.
    const answers = received
      .map(decodeServerMessage)
      .filter((message) => message.type === 'sync' && message.syncType === SyncMessageType.Step2)
    expect(answers).toHaveLength(1)
    expect(answers[0]?.type === 'sync' && Buffer.from(answers[0].payload).equals(Buffer.from(snapshot))).toBe(true)
    // … and the joiner holds exactly the stored board, state vector included.
    const expected = docFromState({ snapshot, updates: [] })
    expect(docJson(reader.doc)).toEqual(docJson(expected))
    expect(Y.decodeStateVector(Y.encodeStateVector(reader.doc))).toEqual(
      Y.decodeStateVector(Y.encodeStateVector(expected)),
    )
    expect(noteTexts(reader.doc)).toContain('edited 😀 note 1 ✓')
    expect(listNotes(reader.doc)).toHaveLength(28)
    // A server-side reader reads the bytes without building the room's document either.
    expect(room.read((doc) => listNotes(doc).length)).toBe(28)
    expect(room.isBuilt).toBe(false)
  })

  it("a write into a board held as bytes is judged by the board's rules, and what stays is durable", async () => {
    const dataDir = tempDataDir()
    const server = await startServer({ IDLE_UNLOAD_MS: '50' }, { dataDir })
    let closed = false
    later(() => (closed ? undefined : server.close()))
    const { board } = await storedBoard(server)

    const viewer = use(connectClient(server.syncUrl, board.id, board.tokens.viewer))
    await viewer.synced()
    const room = await loadedRoom(server, board.id)
    expect(room.isBuilt).toBe(false)

    // A viewer's write builds the document, is refused and reverted in the viewer's copy.
    createNote(viewer.doc, { ...author, id: 'from-viewer', x: 0, y: 0, text: 'not allowed' })
    await eventually(() => expect(listNotes(viewer.doc).map((note) => note.id)).not.toContain('from-viewer'))
    expect(room.isBuilt).toBe(true)

    const participant = use(connectClient(server.syncUrl, board.id, board.tokens.participant))
    await participant.synced()
    createNote(participant.doc, { ...author, id: 'kept', x: 0, y: 0, text: 'allowed' })
    await eventually(() => expect(noteTexts(viewer.doc)).toContain('allowed'))

    // The viewer saw it, so it is stored: a restart on the same data still has it.
    for (const client of [viewer, participant]) client.provider.disconnect()
    closed = true
    await server.close()
    const again = use(await startServer({}, { dataDir }))
    const reader = use(connectClient(again.syncUrl, board.id, board.tokens.viewer))
    await reader.synced()
    const ids = listNotes(reader.doc).map((note) => note.id)
    expect(ids).toContain('kept')
    expect(ids).not.toContain('from-viewer')
    expect(ids).toHaveLength(29)
  })

  it('lets the document of a quiet board go, back to bytes, and loses nothing', async () => {
    const dataDir = tempDataDir()
    const server = await startServer({ IDLE_UNLOAD_MS: '50', DOC_IDLE_MS: '100' }, { dataDir })
    let closed = false
    later(() => (closed ? undefined : server.close()))
    const { board } = await storedBoard(server)

    const writer = use(connectClient(server.syncUrl, board.id, board.tokens.participant))
    await writer.synced()
    const room = await loadedRoom(server, board.id)
    expect(room.isBuilt).toBe(false)
    let builds = 0
    room.on('built', () => builds++)
    createNote(writer.doc, { ...author, id: 'first', x: 0, y: 0, text: 'before the quiet' })
    deleteNotes(writer.doc, ['n4'])
    await eventually(() => expect(builds).toBe(1))
    // Quiet for DOC_IDLE_MS: held as bytes again while the writer stays connected.
    await eventually(() => expect(room.isBuilt).toBe(false))

    const reader = use(connectClient(server.syncUrl, board.id, board.tokens.viewer))
    await reader.synced()
    expect(noteTexts(reader.doc)).toContain('before the quiet')
    expect(listNotes(reader.doc).map((note) => note.id)).not.toContain('n4')
    expect(docJson(reader.doc)).toEqual(docJson(writer.doc))

    // A returning client (its sync step 2 carries its whole delete set, nothing new) builds nothing.
    writer.provider.disconnect()
    writer.provider.connect()
    await eventually(() => expect(writer.provider.synced).toBe(true))
    expect(room.isBuilt).toBe(false)

    // The next write builds the document again; everyone gets it, and it is stored.
    expect(builds).toBe(1)
    createNote(writer.doc, { ...author, id: 'second', x: 0, y: 0, text: 'after the quiet' })
    await eventually(() => expect(noteTexts(reader.doc)).toContain('after the quiet'))
    expect(builds).toBe(2)
    await eventually(() => expect(room.isBuilt).toBe(false))

    for (const client of [writer, reader]) client.provider.disconnect()
    closed = true
    await server.close()
    const again = use(await startServer({}, { dataDir }))
    const check = use(connectClient(again.syncUrl, board.id, board.tokens.viewer))
    await check.synced()
    expect(noteTexts(check.doc)).toEqual(expect.arrayContaining(['before the quiet', 'after the quiet']))
    expect(listNotes(check.doc)).toHaveLength(28 - 1 + 2)
  })

  it('a socket ticket loads the board ahead of its connection; unused, the board unloads after the idle time', async () => {
    const server = use(await startServer({ IDLE_UNLOAD_MS: '200' }))
    const { board } = await storedBoard(server)
    const ticketOf = async () => {
      const response = await fetch(`${server.url}/api/boards/${board.id}/ticket`, {
        method: 'POST',
        headers: { authorization: `Bearer ${board.tokens.participant}` },
      })
      expect(response.status).toBe(200)
      return ((await response.json()) as { ticket: string }).ticket
    }

    // No socket yet: the ticket alone loads the board, held as its bytes.
    await ticketOf()
    await eventually(async () => expect((await server.app.sync.rooms.peek(board.id))?.isBuilt).toBe(false))
    // Nobody came: it unloads like any room nobody is in.
    await eventually(() => expect(server.app.sync.rooms.loadedCount).toBe(0))

    // A ticket used at once joins the room its issue loaded, and syncs the whole board.
    const ticket = await ticketOf()
    const client = use(connectClient(server.syncUrl, board.id, '', { params: { ticket } }))
    await client.synced()
    expect(listNotes(client.doc)).toHaveLength(28)
    expect(server.app.sync.rooms.loadedCount).toBe(1)
  })
})
