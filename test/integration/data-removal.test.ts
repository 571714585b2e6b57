import pg from 'pg'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { ErasureResult } from '@shared/api/admin.ts'
import type { BoardCreated } from '@shared/api/boards.ts'
import type { IdeaDetail, IdeaList } from '@shared/api/ideas.ts'
import { createNote, listNotes } from '@shared/board/index.ts'
import { setSessionFlags } from '@shared/facilitation/index.ts'
import { newId } from '@shared/ids.ts'
import { CloseCode } from '@shared/protocol.ts'
import type { SqliteStorage } from '../../server/storage/sqlite/index.ts'
import { serverBackends } from '../helpers/backends.ts'
import { connectClient, openRaw, type TestClient } from '../helpers/clients.ts'
import { api, boardWithNotes, hubToken } from '../helpers/ideas.ts'
import { eventually } from '../helpers/poll.ts'
import type { TestServer } from '../helpers/server.ts'

const backends = await serverBackends()

const place = { x: 100, y: 100, color: '#fde68a', zone: null }

/** Runs one SQL query against the server's own database (SQLite file or PostgreSQL). */
async function query<T>(
  server: TestServer,
  sql: { sqlite: string; postgres: string },
  params: unknown[],
): Promise<T[]> {
  if (server.app.storage.kind === 'sqlite') {
    return (server.app.storage as SqliteStorage).db.prepare(sql.sqlite).all(...(params as string[])) as T[]
  }
  const client = new pg.Client({ connectionString: server.app.config.DATABASE_URL })
  await client.connect()
  try {
    return (await client.query(sql.postgres, params)).rows as T[]
  } finally {
    await client.end()
  }
}

/** How many stored rows the board's drafts have (snapshots and update log). */
async function draftRows(server: TestServer, boardId: string): Promise<number> {
  let total = 0
  for (const table of ['draft_snapshots', 'draft_updates']) {
    const [row] = await query<{ n: number | string }>(
      server,
      {
        sqlite: `SELECT count(*) AS n FROM ${table} WHERE board_id = ?`,
        postgres: `SELECT count(*) AS n FROM ${table} WHERE board_id = $1`,
      },
      [boardId],
    )
    total += Number(row!.n)
  }
  return total
}

/** Everything the registry's search index holds, as one lower-case text. */
async function searchIndexText(server: TestServer): Promise<string> {
  const rows = await query<{ text: string | null }>(
    server,
    {
      sqlite:
        "SELECT coalesce(title, '') || ' ' || coalesce(description, '') || ' ' || coalesce(notes, '') AS text FROM idea_search_words " +
        'UNION ALL SELECT body AS text FROM idea_search_grams',
      postgres: 'SELECT search_text AS text FROM ideas UNION ALL SELECT search_words::text AS text FROM ideas',
    },
    [],
  )
  return rows
    .map((row) => row.text ?? '')
    .join('\n')
    .toLowerCase()
}

/**
 * Erasure reaches every place a name is kept — participants' private drafts (open or only
 * stored) and the registry's search index among them — and a deleted board's drafts go with
 * it, on SQLite and on PostgreSQL.
 */
for (const backend of backends) {
  describe.runIf(backend.runs)(`erasure and deletion reach drafts and the search index (${backend.name})`, () => {
    let server: TestServer
    const clients: TestClient[] = []
    const track = (client: TestClient) => (clients.push(client), client)

    beforeAll(async () => {
      // Rooms nobody uses unload at once: a draft can then be one that only storage holds.
      server = await backend.start({ IDLE_UNLOAD_MS: '50' })
    })
    afterEach(() => {
      for (const client of clients.splice(0)) client.destroy()
    })
    afterAll(async () => {
      await server?.close()
    })

    const openDraft = (board: BoardCreated, key: string, participant = 'ilona') =>
      track(connectClient(server.syncUrl, board.id, board.tokens.participant, { params: { participant, draft: key } }))

    /** Resolves once the server holds these draft notes (another device with the key sees them). */
    async function storedInDraft(board: BoardCreated, key: string, ids: string[]): Promise<void> {
      const probe = openDraft(board, key, 'probe')
      await eventually(() =>
        expect(
          listNotes(probe.doc)
            .map((note) => note.id)
            .sort(),
        ).toEqual([...ids].sort()),
      )
      probe.destroy()
    }

    const search = async (q: string) =>
      (await api<IdeaList>(server, 'GET', `/api/ideas?q=${encodeURIComponent(q)}`)).body.items.map((idea) => idea.id)

    it('erasure removes the name from drafts (open and stored) and from the search index, and counts them', async () => {
      const name = 'Ilona Kuusjärvi'
      const { board, facilitator, noteIds } = await boardWithNotes(server, [
        { text: `${name} ehdottaa lukupiiriä`, authorName: name },
        { text: `Kahvila, kysy ${name}ltä`, authorName: 'Bertta' },
      ])
      track(facilitator)
      const promoted = await api<IdeaDetail>(server, 'POST', `/api/boards/${board.id}/promote`, {
        token: board.tokens.facilitator,
        body: { noteIds: [noteIds[0]], title: `Lukupiiri, idea: ${name}`, description: `Ota yhteyttä: ${name}` },
      })
      expect(promoted.status).toBe(201)
      expect(await search('Kuusjärvi')).toEqual([promoted.body.id])

      setSessionFlags(facilitator.doc, { silent: true })
      // One draft only storage holds (its writer left and the room unloaded) …
      const storedKey = newId(24)
      const leaving = openDraft(board, storedKey)
      await leaving.synced()
      const storedNote = createNote(leaving.doc, { ...place, text: 'hiljainen', authorId: 'ilona', authorName: name })
      await storedInDraft(board, storedKey, [storedNote])
      leaving.destroy()
      await eventually(() => expect(server.app.sync.rooms.loadedDraftIds(board.id)).toEqual([]))
      // … and one open right now, with someone else's note beside hers.
      const openKey = newId(24)
      const open = openDraft(board, openKey)
      await open.synced()
      const openNote = createNote(open.doc, { ...place, text: 'toinen', authorId: 'ilona', authorName: name })
      const othersNote = createNote(open.doc, { ...place, text: 'kolmas', authorId: 'bertta', authorName: 'Bertta' })
      await storedInDraft(board, openKey, [openNote, othersNote])

      const erased = await api<ErasureResult>(server, 'POST', '/api/admin/erasure', {
        token: hubToken(server),
        body: { name },
      })
      expect(erased.status).toBe(200)
      expect(erased.body.counts).toMatchObject({ notes: 2, draftNotes: 2, ideas: 1, searchEntries: 1 })

      // A mention in someone else's note goes too (with its ending); the note stays theirs.
      await eventually(() =>
        expect(
          Object.fromEntries(listNotes(facilitator.doc).map((note) => [note.id, [note.authorName, note.text]])),
        ).toEqual({
          [noteIds[0]!]: ['[erased]', '[erased] ehdottaa lukupiiriä'],
          [noteIds[1]!]: ['Bertta', 'Kahvila, kysy [erased]ltä'],
        }),
      )
      // The open draft changes live; the stored one in storage.
      await eventually(() =>
        expect(Object.fromEntries(listNotes(open.doc).map((note) => [note.id, note.authorName]))).toEqual({
          [openNote]: '[erased]',
          [othersNote]: 'Bertta',
        }),
      )
      const reopened = openDraft(board, storedKey, 'probe')
      await eventually(() => expect(listNotes(reopened.doc).map((note) => note.authorName)).toEqual(['[erased]']))

      // Search finds nothing by the name, neither word, and the index itself no longer holds it.
      expect(await search('Kuusjärvi')).toEqual([])
      expect(await search('Ilona')).toEqual([])
      expect(await search('lukupiiri')).toEqual([promoted.body.id])
      const index = await searchIndexText(server)
      expect(index).toContain('lukupiiri')
      expect(index).not.toMatch(/kuusj(ä|a)rvi|ilona/)
      const idea = await api<IdeaDetail>(server, 'GET', `/api/ideas/${promoted.body.id}`)
      expect(JSON.stringify(idea.body)).not.toContain('Kuusjärvi')
      expect(idea.body).toMatchObject({ title: 'Lukupiiri, idea: [erased]', description: 'Ota yhteyttä: [erased]' })
      expect(idea.body.source.notes[0]).toMatchObject({ text: '[erased] ehdottaa lukupiiriä', authorName: '[erased]' })
    })

    it('deleting a board removes its drafts, open and stored, and closes the drafts’ sockets with 4404', async () => {
      const board = await server.createBoard('Poistuvat luonnokset')
      const facilitator = track(connectClient(server.syncUrl, board.id, board.tokens.facilitator))
      await facilitator.synced()
      setSessionFlags(facilitator.doc, { silent: true })
      const storedKey = newId(24)
      const leaving = openDraft(board, storedKey)
      await leaving.synced()
      const note = createNote(leaving.doc, { ...place, text: 'poistuu', authorId: 'ilona', authorName: 'Ilona' })
      await storedInDraft(board, storedKey, [note])
      leaving.destroy()
      const openKey = newId(24)
      const open = openDraft(board, openKey)
      await open.synced()
      const openNote = createNote(open.doc, { ...place, text: 'auki', authorId: 'ilona', authorName: 'Ilona' })
      await storedInDraft(board, openKey, [openNote])
      const raw = openRaw(`${server.syncUrl}/${board.id}?token=${board.tokens.participant}&draft=${openKey}`)
      await raw.opened
      expect(await draftRows(server, board.id)).toBeGreaterThan(0)

      expect((await api(server, 'DELETE', `/api/boards/${board.id}`, { token: board.tokens.facilitator })).status).toBe(
        204,
      )
      expect((await raw.closed).code).toBe(CloseCode.NotFound)
      await eventually(() => expect(open.provider.wsconnected).toBe(false))
      await eventually(() => expect(server.app.sync.rooms.loadedDraftIds(board.id)).toEqual([]))
      expect(await draftRows(server, board.id)).toBe(0)
      // Nothing is written back when the draft rooms would have unloaded.
      await eventually(async () => expect(await server.app.sync.rooms.peek(board.id)).toBeNull())
      expect(await draftRows(server, board.id)).toBe(0)
      const again = openRaw(`${server.syncUrl}/${board.id}?token=${board.tokens.participant}&draft=${storedKey}`)
      expect((await again.closed).code).toBe(CloseCode.NotFound)
    })
  })
}
