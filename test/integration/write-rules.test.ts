import * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createNote,
  getNoteMap,
  listNotes,
  NOTE_DEFAULT_SIZE,
  readSession,
  updateNote,
  writeSession,
} from '@shared/board/index.ts'
import { enterPhase, setSessionFlags } from '@shared/facilitation/index.ts'
import { newId } from '@shared/ids.ts'
import { connectClient, openRaw, type RawSocket, type TestClient } from '../helpers/clients.ts'
import { eventually } from '../helpers/poll.ts'
import { decodeServerMessage, updateMessage } from '../helpers/protocol.ts'
import { startServer, type TestServer } from '../helpers/server.ts'

const author = { authorId: 'p1', authorName: 'Aino', color: '#fde68a', zone: null }
const BIG = 'x'.repeat(300_000)

/** The reasons of every permission-denied message a socket received. */
const denials = (messages: readonly Uint8Array[]): string[] =>
  messages.map(decodeServerMessage).flatMap((message) => (message.type === 'auth' ? [message.denied] : []))

/** An update made by a document of its own, as an attacker builds one. */
function updateOf(write: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  write(doc)
  doc.destroy()
  return Y.mergeUpdates(updates)
}

/**
 * Items in a root without a key, unknown fields, wrong types and values out of range: the
 * server refuses what its rules cannot classify (default deny) and the shape of every note and
 * zone it is sent, and the refused bytes reach neither storage nor anyone else.
 */
describe('the server checks every write against the board schema', () => {
  let server: TestServer
  const clients: TestClient[] = []
  const sockets: RawSocket[] = []
  const track = (client: TestClient) => (clients.push(client), client)

  beforeAll(async () => {
    server = await startServer()
  })
  afterAll(async () => {
    for (const client of clients) client.destroy()
    for (const raw of sockets) raw.socket.close()
    await server.close()
  })

  const raw = async (boardId: string, token: string, params = '') => {
    const socket = openRaw(`${server.syncUrl}/${boardId}?token=${token}${params}`)
    sockets.push(socket)
    await socket.opened
    return socket
  }

  /** The bytes the board keeps in storage (snapshot and log). */
  const storedBytes = async (boardId: string) => {
    const state = await server.app.storage.boards.loadBoardState(boardId)
    return (state?.snapshot?.byteLength ?? 0) + (state?.updates ?? []).reduce((sum, u) => sum + u.byteLength, 0)
  }

  it('refuses content without a key in every root, from any role, also while the board is unlocked', async () => {
    const board = await server.createBoard()
    const received: Uint8Array[] = []
    const watcher = track(connectClient(server.syncUrl, board.id, board.tokens.participant, { received }))
    await watcher.synced()
    expect(readSession(watcher.doc).locked).toBe(false)
    const storedBefore = await storedBytes(board.id)

    const attempts: Array<[string, string, (doc: Y.Doc) => void]> = [
      ['participant', 'notes', (doc) => doc.getArray('notes').insert(0, [BIG])],
      ['participant', 'notes as text', (doc) => doc.getText('notes').insert(0, BIG)],
      ['facilitator', 'meta', (doc) => doc.getArray('meta').insert(0, [BIG])],
      ['facilitator', 'session', (doc) => doc.getArray('session').insert(0, [BIG])],
      ['facilitator', 'zones', (doc) => doc.getArray('zones').insert(0, [BIG])],
      ['facilitator', 'an unknown root', (doc) => doc.getMap('extra').set('k', BIG)],
    ]
    for (const [role, what, write] of attempts) {
      const token = role === 'facilitator' ? board.tokens.facilitator : board.tokens.participant
      const attacker = await raw(board.id, token)
      attacker.socket.send(updateMessage(updateOf(write)))
      await eventually(() => expect(denials(attacker.messages), what).toHaveLength(1))
    }
    // A legitimate write afterwards goes through: the refusals were per write.
    createNote(watcher.doc, { ...author, x: 0, y: 0, text: 'still works' })
    const fresh = track(connectClient(server.syncUrl, board.id, board.tokens.viewer))
    await fresh.synced()
    await eventually(() => expect(listNotes(fresh.doc).map((n) => n.text)).toEqual(['still works']))

    // Nothing of the 300 KB values was kept or sent to anyone.
    expect(Math.max(...received.map((m) => m.byteLength))).toBeLessThan(20_000)
    expect(Y.encodeStateAsUpdate(fresh.doc).byteLength).toBeLessThan(20_000)
    expect((await storedBytes(board.id)) - storedBefore).toBeLessThan(20_000)
  })

  it('refuses content without a key in a private draft', async () => {
    const board = await server.createBoard()
    const key = newId(24)
    const attacker = await raw(board.id, board.tokens.participant, `&draft=${key}`)
    attacker.socket.send(updateMessage(updateOf((doc) => doc.getArray('notes').insert(0, [BIG]))))
    await eventually(() => expect(denials(attacker.messages)).toHaveLength(1))
    const owner = track(connectClient(server.syncUrl, board.id, board.tokens.participant, { params: { draft: key } }))
    await owner.synced()
    expect(Y.encodeStateAsUpdate(owner.doc).byteLength).toBeLessThan(20_000)
  })

  it('refuses notes of the wrong shape: extra fields, a text that is not a Y.Text, a value that is not a note', async () => {
    const board = await server.createBoard()
    const watcher = track(connectClient(server.syncUrl, board.id, board.tokens.facilitator))
    await watcher.synced()
    // Each attempt under its own note id: a second write of an id the first one's revert
    // deleted would lose to that tombstone and change nothing.
    let attempt = 0
    const note = (doc: Y.Doc, extra: (map: Y.Map<unknown>) => void) => {
      const id = `n-${++attempt}`
      createNote(doc, { ...author, id, x: 0, y: 0, text: 'ok' })
      const map = getNoteMap(doc, id)
      if (map) extra(map)
    }
    const attempts: Array<[string, (doc: Y.Doc) => void]> = [
      ['an unknown field', (doc) => note(doc, (map) => map.set('comment', 'y'.repeat(500_000)))],
      [
        'text as an array',
        (doc) =>
          note(doc, (map) => {
            const text = new Y.Array<string>()
            map.set('text', text)
            text.insert(0, ['z'.repeat(10_000)])
          }),
      ],
      ['a number under notes', (doc) => doc.getMap('notes').set(`n-${++attempt}`, 42)],
      ['an XmlFragment under notes', (doc) => doc.getMap('notes').set(`n-${++attempt}`, new Y.XmlFragment())],
      ['a colour that is not #rrggbb', (doc) => note(doc, (map) => map.set('color', 'url(javascript:x)'))],
      ['a position out of range', (doc) => note(doc, (map) => map.set('x', 1e300))],
      ['a width that is a string', (doc) => note(doc, (map) => map.set('width', '160'))],
      ['a vote that is not a count', (doc) => note(doc, (map) => (map.get('votes') as Y.Map<unknown>).set('p1', 'x'))],
      ['an embed in the text', (doc) => note(doc, (map) => (map.get('text') as Y.Text).insertEmbed(0, { big: 'y' }))],
      ['an author name over the limit', (doc) => note(doc, (map) => map.set('authorName', 'A'.repeat(41)))],
    ]
    for (const [what, write] of attempts) {
      for (const role of ['participant', 'facilitator'] as const) {
        const attacker = await raw(board.id, board.tokens[role])
        attacker.socket.send(updateMessage(updateOf(write)))
        await eventually(() => expect(denials(attacker.messages), `${what} (${role})`).toHaveLength(1))
      }
    }
    createNote(watcher.doc, { ...author, x: 0, y: 0, text: 'valid' })
    const fresh = track(connectClient(server.syncUrl, board.id, board.tokens.viewer))
    await fresh.synced()
    await eventually(() => expect(listNotes(fresh.doc).map((n) => n.text)).toEqual(['valid']))
    expect(fresh.doc.getMap('notes').size).toBe(1)
  })

  it("answers a viewer's write with a permission-denied message and corrects the viewer's copy", async () => {
    const board = await server.createBoard()
    const received: Uint8Array[] = []
    const viewer = track(connectClient(server.syncUrl, board.id, board.tokens.viewer, { received }))
    const participant = track(connectClient(server.syncUrl, board.id, board.tokens.participant))
    await Promise.all([viewer.synced(), participant.synced()])
    createNote(participant.doc, { ...author, x: 0, y: 0, text: 'by the participant' })
    await eventually(() => expect(listNotes(viewer.doc)).toHaveLength(1))

    createNote(viewer.doc, { ...author, x: 10, y: 10, text: 'by the viewer' })
    writeSession(viewer.doc, { locked: true })
    await eventually(() =>
      expect(denials(received)).toEqual(expect.arrayContaining([expect.stringMatching(/read-only/)])),
    )
    // The corrected copy: the viewer's note and lock are taken back in its own replica.
    await eventually(() => expect(listNotes(viewer.doc).map((n) => n.text)).toEqual(['by the participant']))
    expect(readSession(viewer.doc).locked).toBe(false)
    expect(listNotes(participant.doc).map((n) => n.text)).toEqual(['by the participant'])
  })

  /**
   * A note of the default size outside any zone is written without width, height and zone (they
   * would be three more structs each client integrates when it loads the board): the server takes
   * such notes, and judges an absent key exactly as its default.
   */
  describe('notes without their optional keys', () => {
    const optionalKeys = (map: Y.Map<unknown> | null | undefined) =>
      ['width', 'height', 'zone'].filter((key) => map?.has(key))

    it("takes a participant's note without width, height and zone, and a later resize and zone", async () => {
      const board = await server.createBoard()
      const received: Uint8Array[] = []
      const participant = track(
        connectClient(server.syncUrl, board.id, board.tokens.participant, { received, params: { participant: 'p1' } }),
      )
      const viewer = track(connectClient(server.syncUrl, board.id, board.tokens.viewer))
      await Promise.all([participant.synced(), viewer.synced()])
      const id = createNote(participant.doc, { ...author, x: 40, y: 60, text: 'bare' })
      expect(optionalKeys(getNoteMap(participant.doc, id))).toEqual([])
      await eventually(() => expect(listNotes(viewer.doc).map((n) => n.text)).toEqual(['bare']))
      expect(optionalKeys(getNoteMap(viewer.doc, id))).toEqual([])
      expect(listNotes(viewer.doc)[0]).toMatchObject({
        width: NOTE_DEFAULT_SIZE,
        height: NOTE_DEFAULT_SIZE,
        zone: null,
      })

      updateNote(participant.doc, id, { width: 320, height: 240, zone: 'somewhere' })
      await eventually(() =>
        expect(listNotes(viewer.doc)[0]).toMatchObject({ width: 320, height: 240, zone: 'somewhere' }),
      )
      // Back to the default size by deleting the keys (the writer's right to resize): taken too.
      participant.doc.transact(() => {
        getNoteMap(participant.doc, id)?.delete('width')
        getNoteMap(participant.doc, id)?.delete('height')
      })
      await eventually(() => expect(listNotes(viewer.doc)[0]).toMatchObject({ width: 160, height: 160 }))
      expect(denials(received)).toEqual([])

      // The server's copy holds only the zone of the three, and a client joining now reads the same.
      const room = await server.app.sync.rooms.peek(board.id)
      expect(optionalKeys(room ? getNoteMap(room.doc, id) : null)).toEqual(['zone'])
      const fresh = track(connectClient(server.syncUrl, board.id, board.tokens.viewer))
      await fresh.synced()
      expect(listNotes(fresh.doc)[0]).toMatchObject({ id, width: 160, height: 160, zone: 'somewhere', x: 40 })
    })

    it('refuses deleting the zone of a note in a closed zone, as setting it to null', async () => {
      const board = await server.createBoard('Disney', 'disney')
      const facilitator = track(connectClient(server.syncUrl, board.id, board.tokens.facilitator))
      const received: Uint8Array[] = []
      const participant = track(
        connectClient(server.syncUrl, board.id, board.tokens.participant, { received, params: { participant: 'p1' } }),
      )
      await Promise.all([facilitator.synced(), participant.synced()])
      expect(enterPhase(facilitator.doc, 'dreamer', Date.now())).toBe(true)
      // In the Realist zone by its label, though its centre is in the Dreamer zone (open).
      const id = createNote(facilitator.doc, { ...author, authorId: 'f1', x: 100, y: 400, zone: 'realist', text: 'r' })
      await eventually(() => expect(getNoteMap(participant.doc, id)?.get('zone')).toBe('realist'))
      await eventually(() => expect(readSession(participant.doc).phase).toBe('dreamer'))

      getNoteMap(participant.doc, id)?.delete('zone')
      await eventually(() => expect(denials(received)).toEqual([expect.stringMatching(/"Realist" is closed/)]))
      // The server took it back in the participant's own copy, and nobody else saw it.
      await eventually(() => expect(getNoteMap(participant.doc, id)?.get('zone')).toBe('realist'))
      expect(getNoteMap(facilitator.doc, id)?.get('zone')).toBe('realist')
      // A note of its own without the key, in the open zone, is the participant's to write.
      const mine = createNote(participant.doc, { ...author, x: 100, y: 500, text: 'dream' })
      updateNote(participant.doc, mine, { zone: 'dreamer', width: 200 })
      await eventually(() =>
        expect(listNotes(facilitator.doc).find((n) => n.id === mine)).toMatchObject({ zone: 'dreamer', width: 200 }),
      )
      expect(denials(received)).toHaveLength(1)
    })
  })
})

describe('a board has a size budget', () => {
  let server: TestServer
  const clients: TestClient[] = []
  beforeAll(async () => {
    server = await startServer({ BOARD_MAX_NOTES: '5' })
  })
  afterAll(async () => {
    for (const client of clients) client.destroy()
    await server.close()
  })

  it('refuses new notes past BOARD_MAX_NOTES with a message, and keeps every stored note editable', async () => {
    const board = await server.createBoard()
    const received: Uint8Array[] = []
    const participant = connectClient(server.syncUrl, board.id, board.tokens.participant, { received })
    const watcher = connectClient(server.syncUrl, board.id, board.tokens.facilitator)
    clients.push(participant, watcher)
    await Promise.all([participant.synced(), watcher.synced()])
    const ids = Array.from({ length: 5 }, (_, i) =>
      createNote(participant.doc, { ...author, x: i, y: 0, text: `n${i}` }),
    )
    await eventually(() => expect(listNotes(watcher.doc)).toHaveLength(5))

    createNote(participant.doc, { ...author, x: 9, y: 9, text: 'one too many' })
    await eventually(() => expect(denials(received)).toEqual([expect.stringMatching(/board is full.*5 notes/)]))
    await eventually(() => expect(listNotes(participant.doc)).toHaveLength(5))
    expect(listNotes(watcher.doc).map((n) => n.text)).not.toContain('one too many')
    // Nothing stored is lost, and what is there stays editable.
    const first = ids[0] as string
    participant.doc.transact(() => getNoteMap(participant.doc, first)?.set('x', 500))
    await eventually(() => expect(listNotes(watcher.doc).find((n) => n.id === first)?.x).toBe(500))
  })

  it('refuses new notes once the board holds BOARD_MAX_BYTES', async () => {
    const small = await startServer({ BOARD_MAX_BYTES: '65536' })
    try {
      const board = await small.createBoard()
      const received: Uint8Array[] = []
      const participant = connectClient(small.syncUrl, board.id, board.tokens.participant, { received })
      clients.push(participant)
      await participant.synced()
      // Notes of 4,000 characters that do not compress: about 12 KB each.
      const text = () =>
        Array.from({ length: 4000 }, (_, i) => String.fromCharCode(0x4e00 + ((i * 7919) % 20000))).join('')
      for (let i = 0; i < 8; i++) createNote(participant.doc, { ...author, x: i, y: 0, text: text() })
      await eventually(() => expect(denials(received)[0]).toMatch(/board is full.*bytes/))
      const check = connectClient(small.syncUrl, board.id, board.tokens.viewer)
      clients.push(check)
      await check.synced()
      const kept = listNotes(check.doc).length
      expect(kept).toBeGreaterThanOrEqual(4)
      expect(kept).toBeLessThan(8)
    } finally {
      await small.close()
    }
  })

  it('moves only what fits from the drafts at the reveal; the rest waits in its draft, marked', async () => {
    const board = await server.createBoard()
    const facilitator = connectClient(server.syncUrl, board.id, board.tokens.facilitator)
    clients.push(facilitator)
    await facilitator.synced()
    setSessionFlags(facilitator.doc, { silent: true })
    await eventually(async () => {
      const room = await server.app.sync.rooms.peek(board.id)
      expect(room && readSession(room.doc).silent).toBe(true)
    })
    createNote(facilitator.doc, { ...author, x: 0, y: 0, text: 'on the board' })
    const key = newId(24)
    const draft = connectClient(server.syncUrl, board.id, board.tokens.participant, { params: { draft: key } })
    clients.push(draft)
    await draft.synced()
    for (let i = 0; i < 6; i++) createNote(draft.doc, { ...author, id: `d${i}`, x: i, y: 0, text: `draft ${i}` })
    await eventually(() => expect(listNotes(draft.doc)).toHaveLength(6))
    await eventually(async () => {
      const stored = await server.app.storage.boards.listDrafts(board.id)
      expect(stored).toHaveLength(1)
    })

    setSessionFlags(facilitator.doc, { silent: false })
    // The board holds five notes at most: four draft notes fit, two wait, marked for their writer.
    await eventually(() => expect(listNotes(facilitator.doc)).toHaveLength(5))
    await eventually(() =>
      expect(listNotes(draft.doc).map((n) => [n.id, n.heldBack])).toEqual([
        ['d4', 'board-full'],
        ['d5', 'board-full'],
      ]),
    )
  })
})
