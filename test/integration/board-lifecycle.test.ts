import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuditList, ErasureResult } from '@shared/api/admin.ts'
import type { BoardCreated } from '@shared/api/boards.ts'
import type { IdeaDetail } from '@shared/api/ideas.ts'
import type { RotatedLinks, SyncTicket } from '@shared/api/lifecycle.ts'
import { listNotes } from '@shared/board/index.ts'
import { newId } from '@shared/ids.ts'
import { CloseCode } from '@shared/protocol.ts'
import { BoardAccessService, TICKET_TTL_MS } from '../../server/auth/board-access.ts'
import { RetentionJob } from '../../server/lifecycle/retention.ts'
import type { SqliteStorage } from '../../server/storage/sqlite/index.ts'
import { serverBackends } from '../helpers/backends.ts'
import { connectClient, openRaw, type TestClient } from '../helpers/clients.ts'
import { api, boardWithNotes, hubToken } from '../helpers/ideas.ts'
import { eventually } from '../helpers/poll.ts'
import type { TestServer } from '../helpers/server.ts'

const backends = await serverBackends()
const DAY_MS = 24 * 60 * 60 * 1000

/** How many rows of a board each table holds, read from the database itself. */
async function rowsOf(server: TestServer, boardId: string): Promise<Record<string, number>> {
  const tables = ['boards', 'board_snapshots', 'board_updates', 'draft_snapshots', 'draft_updates', 'sync_tickets']
  const counts: Record<string, number> = {}
  if (server.app.storage.kind === 'sqlite') {
    const db = (server.app.storage as SqliteStorage).db
    for (const table of tables) {
      const column = table === 'boards' ? 'id' : 'board_id'
      counts[table] = db.prepare(`SELECT count(*) FROM ${table} WHERE ${column} = ?`).pluck().get(boardId) as number
    }
    return counts
  }
  const client = new pg.Client({ connectionString: server.app.config.DATABASE_URL })
  await client.connect()
  try {
    for (const table of tables) {
      const column = table === 'boards' ? 'id' : 'board_id'
      const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE ${column} = $1`, [
        boardId,
      ])
      counts[table] = Number(rows[0]!.n)
    }
  } finally {
    await client.end()
  }
  return counts
}

for (const backend of backends) {
  describe.runIf(backend.runs)(`board lifecycle (${backend.name})`, () => {
    let server: TestServer
    const clients: TestClient[] = []
    const track = (client: TestClient) => (clients.push(client), client)

    beforeAll(async () => {
      server = await backend.start()
    })
    afterAll(async () => {
      for (const client of clients) client.destroy()
      await server?.close()
    })

    const rotate = (board: BoardCreated, body: unknown = {}, token = board.tokens.facilitator) =>
      api<RotatedLinks>(server, 'POST', `/api/boards/${board.id}/links/rotate`, { token, body })

    it('resetting links refuses the old participant and viewer tokens (401, 4401) and closes their connections', async () => {
      const board = await server.createBoard()
      const participant = openRaw(`${server.syncUrl}/${board.id}?token=${board.tokens.participant}`)
      const facilitator = openRaw(`${server.syncUrl}/${board.id}?token=${board.tokens.facilitator}`)
      await Promise.all([participant.opened, facilitator.opened])
      await eventually(() => expect(participant.messages.length).toBeGreaterThan(0))

      expect((await rotate(board, {}, board.tokens.participant)).status).toBe(403)
      const rotated = await rotate(board)
      expect(rotated.status).toBe(200)
      expect(rotated.body.tokens.participant).not.toBe(board.tokens.participant)
      expect(rotated.body.tokens.facilitator).toBeUndefined()

      expect((await participant.closed).code).toBe(CloseCode.Unauthorized)
      for (const old of [board.tokens.participant, board.tokens.viewer]) {
        expect((await api(server, 'GET', `/api/boards/${board.id}`, { token: old })).status).toBe(401)
        expect((await openRaw(`${server.syncUrl}/${board.id}?token=${old}`).closed).code).toBe(CloseCode.Unauthorized)
      }
      // The facilitator's link was not reset: its connection and token go on.
      expect(facilitator.socket.readyState).toBe(facilitator.socket.OPEN)
      const links = await api<{ links: Record<string, string> }>(server, 'GET', `/api/boards/${board.id}/links`, {
        token: board.tokens.facilitator,
      })
      expect(links.body.links.participant).toBe(rotated.body.links.participant)
      const fresh = track(connectClient(server.syncUrl, board.id, rotated.body.tokens.participant))
      await fresh.synced()

      // With {"facilitator": true} the facilitator's own token goes too.
      const again = await rotate(board, { facilitator: true })
      expect(again.body.tokens.facilitator).toBeDefined()
      expect((await facilitator.closed).code).toBe(CloseCode.Unauthorized)
      expect((await api(server, 'GET', `/api/boards/${board.id}`, { token: board.tokens.facilitator })).status).toBe(
        401,
      )
      expect(
        (await api(server, 'GET', `/api/boards/${board.id}`, { token: again.body.tokens.facilitator! })).status,
      ).toBe(200)
    })

    it('an expired link is refused with a message that says so (401 link_expired, 4410); the facilitator link goes on', async () => {
      const soon = Date.now() + 1500
      const created = await api<BoardCreated>(server, 'POST', '/api/boards', {
        body: { title: 'Lyhyt', expiresAt: soon },
      })
      expect(created.status).toBe(201)
      const board = created.body
      expect(board.expiresAt).toBe(soon)
      expect((await api(server, 'POST', '/api/boards', { body: { title: 'Old', expiresAt: 1000 } })).status).toBe(400)
      expect((await api(server, 'GET', `/api/boards/${board.id}`, { token: board.tokens.participant })).status).toBe(
        200,
      )
      await eventually(
        async () => {
          const response = await api<{ error: string; message: string }>(server, 'GET', `/api/boards/${board.id}`, {
            token: board.tokens.viewer,
          })
          expect(response.status).toBe(401)
          expect(response.body.error).toBe('link_expired')
          expect(response.body.message).toMatch(/expired/)
        },
        { timeoutMs: 10_000 },
      )
      const raw = openRaw(`${server.syncUrl}/${board.id}?token=${board.tokens.participant}`)
      const closed = await raw.closed
      expect(closed.code).toBe(CloseCode.LinkExpired)
      expect(closed.reason).toMatch(/expired/)
      expect((await api(server, 'GET', `/api/boards/${board.id}`, { token: board.tokens.facilitator })).status).toBe(
        200,
      )
      // A reset gives new links that work again (with no expiry unless asked).
      const rotated = await rotate(board)
      expect(rotated.body.expiresAt).toBeNull()
      expect((await api(server, 'GET', `/api/boards/${board.id}`, { token: rotated.body.tokens.viewer })).status).toBe(
        200,
      )
    })

    it('a ticket opens one connection once; a used, foreign or expired ticket is refused with 4401 or 4403', async () => {
      const board = await server.createBoard()
      const other = await server.createBoard()
      const issue = async () =>
        (await api<SyncTicket>(server, 'POST', `/api/boards/${board.id}/ticket`, { token: board.tokens.participant }))
          .body.ticket
      expect((await api(server, 'POST', `/api/boards/${board.id}/ticket`)).status).toBe(401)
      const ticket = await issue()
      const client = track(connectClient(server.syncUrl, board.id, '', { params: { ticket } }))
      await client.synced()
      const reused = openRaw(`${server.syncUrl}/${board.id}?ticket=${ticket}`)
      expect((await reused.closed).code).toBe(CloseCode.Unauthorized)
      expect((await openRaw(`${server.syncUrl}/${other.id}?ticket=${await issue()}`).closed).code).toBe(
        CloseCode.Forbidden,
      )
      // Expiry, with the service's clock moved past it (same storage, no waiting).
      let now = Date.now()
      const clock = new BoardAccessService(server.app.tokens, server.app.storage.lifecycle, { now: () => now })
      const late = await clock.issueTicket({ boardId: board.id, role: 'participant', generation: 0 })
      now += TICKET_TTL_MS + 1
      expect(await clock.redeemTicket(late, board.id)).toEqual({ ok: false, reason: 'invalid' })
      // A ticket of a reset link is refused too.
      const beforeReset = await issue()
      await rotate(board)
      expect((await openRaw(`${server.syncUrl}/${board.id}?ticket=${beforeReset}`).closed).code).toBe(
        CloseCode.Unauthorized,
      )
    })

    it('deleting a board removes its rows, closes connections with 4404, exports answer 404; its ideas say so', async () => {
      const { board, facilitator, noteIds } = await boardWithNotes(server, [
        { text: 'Kirjastoauto' },
        { text: 'Toinen' },
      ])
      track(facilitator)
      const promoted = await api<IdeaDetail>(server, 'POST', `/api/boards/${board.id}/promote`, {
        token: board.tokens.facilitator,
        body: { noteIds: [noteIds[0]] },
      })
      expect(promoted.status).toBe(201)
      const draft = track(
        connectClient(server.syncUrl, board.id, board.tokens.participant, {
          params: { participant: 'aino', draft: newId(24) },
        }),
      )
      await draft.synced()
      const watcher = openRaw(`${server.syncUrl}/${board.id}?token=${board.tokens.viewer}`)
      await watcher.opened
      await api(server, 'POST', `/api/boards/${board.id}/ticket`, { token: board.tokens.viewer })
      const before = await rowsOf(server, board.id)
      expect(before.boards).toBe(1)
      expect(before.board_snapshots! + before.board_updates!).toBeGreaterThan(0)

      expect((await api(server, 'DELETE', `/api/boards/${board.id}`, { token: board.tokens.participant })).status).toBe(
        403,
      )
      expect((await api(server, 'DELETE', `/api/boards/${board.id}`, { token: board.tokens.facilitator })).status).toBe(
        204,
      )
      expect((await watcher.closed).code).toBe(CloseCode.NotFound)
      await eventually(() => expect(facilitator.provider.wsconnected).toBe(false))
      expect(await rowsOf(server, board.id)).toEqual({
        boards: 0,
        board_snapshots: 0,
        board_updates: 0,
        draft_snapshots: 0,
        draft_updates: 0,
        sync_tickets: 0,
      })
      // Nothing comes back when the unloaded room would have written.
      await eventually(async () => expect(await server.app.sync.rooms.peek(board.id)).toBeNull())
      expect((await rowsOf(server, board.id)).boards).toBe(0)
      expect(
        (await api(server, 'GET', `/api/boards/${board.id}/export?format=json`, { token: board.tokens.facilitator }))
          .status,
      ).toBe(404)
      expect((await openRaw(`${server.syncUrl}/${board.id}?token=${board.tokens.facilitator}`).closed).code).toBe(
        CloseCode.NotFound,
      )
      const idea = await api<IdeaDetail>(server, 'GET', `/api/ideas/${promoted.body.id}`)
      expect(idea.status).toBe(200)
      expect(idea.body.source.notes[0]?.text).toBe('Kirjastoauto')
      expect(idea.body.deletedBoards?.[board.id]).toBeTypeOf('number')
      expect((await api(server, 'DELETE', `/api/boards/${board.id}`, { token: hubToken(server) })).status).toBe(404)
    })

    it('the administrator lists boards, deletes one, and reads every action in the audit log', async () => {
      const board = await server.createBoard('Ylläpidon lauta')
      expect((await api(server, 'GET', '/api/admin/boards')).status).toBe(401)
      expect((await api(server, 'GET', '/api/admin/boards', { token: board.tokens.facilitator })).status).toBe(403)
      const list = await api<{ items: Array<{ id: string; title: string; notes: number; storedBytes: number }> }>(
        server,
        'GET',
        '/api/admin/boards',
        { token: hubToken(server) },
      )
      const listed = list.body.items.find((item) => item.id === board.id)
      expect(listed).toMatchObject({ title: 'Ylläpidon lauta', notes: 0 })
      expect(listed!.storedBytes).toBeGreaterThan(0)
      await rotate(board)
      expect((await api(server, 'DELETE', `/api/boards/${board.id}`, { token: hubToken(server) })).status).toBe(204)
      const audit = await api<AuditList>(server, 'GET', '/api/admin/audit', { token: hubToken(server) })
      const mine = audit.body.items.filter((entry) => entry.boardId === board.id)
      expect(mine.map((entry) => [entry.action, entry.actor])).toEqual([
        ['board-deleted', 'admin'],
        ['links-rotated', 'facilitator'],
      ])
    })

    it('the retention job deletes boards unused for BOARD_RETENTION_DAYS, and audits it', async () => {
      const board = await server.createBoard('Vanha')
      const job = new RetentionJob({
        store: server.app.storage.lifecycle,
        lifecycle: server.app.lifecycle,
        log: server.app.log,
        retentionDays: 30,
        now: () => Date.now() + 31 * DAY_MS,
      })
      const keptJob = new RetentionJob({
        store: server.app.storage.lifecycle,
        lifecycle: server.app.lifecycle,
        log: server.app.log,
        retentionDays: 30,
        now: () => Date.now() + 29 * DAY_MS,
      })
      expect(await keptJob.run()).toBe(0)
      expect((await rowsOf(server, board.id)).boards).toBe(1)
      expect(await job.run()).toBeGreaterThanOrEqual(1)
      expect((await rowsOf(server, board.id)).boards).toBe(0)
      const audit = await api<AuditList>(server, 'GET', '/api/admin/audit', { token: hubToken(server) })
      expect(audit.body.items.find((entry) => entry.boardId === board.id)).toMatchObject({
        action: 'board-deleted',
        actor: 'retention',
        details: { retentionDays: 30 },
      })
    })

    it("erasure removes a person's name from notes (live), ideas, history and comments, and counts them", async () => {
      const name = `Aino ${newId(6)}`
      const { board, facilitator, noteIds } = await boardWithNotes(server, [
        { text: 'Lukupiiri', authorName: name },
        { text: 'Kahvila', authorName: 'Bertta' },
        { text: 'Puisto', authorName: name },
      ])
      track(facilitator)
      const promoted = await api<IdeaDetail>(server, 'POST', `/api/boards/${board.id}/promote`, {
        token: board.tokens.facilitator,
        body: { noteIds: [noteIds[0]] },
      })
      const patched = await api(server, 'PATCH', `/api/ideas/${promoted.body.id}`, {
        token: hubToken(server),
        body: { comment: `Kysytään ${name}lta lisää` },
      })
      expect(patched.status).toBe(200)
      expect((await api(server, 'POST', '/api/admin/erasure', { body: { name } })).status).toBe(401)
      const erased = await api<ErasureResult>(server, 'POST', '/api/admin/erasure', {
        token: hubToken(server),
        body: { name: name.toUpperCase() },
      })
      expect(erased.status).toBe(200)
      expect(erased.body.counts).toEqual({
        notes: 2,
        draftNotes: 0,
        ideas: 1,
        historyEntries: 0,
        comments: 1,
        searchEntries: 0,
      })
      await eventually(() =>
        expect(
          listNotes(facilitator.doc)
            .map((note) => note.authorName)
            .sort(),
        ).toEqual(['Bertta', '[erased]', '[erased]']),
      )
      const idea = await api<IdeaDetail>(server, 'GET', `/api/ideas/${promoted.body.id}`)
      expect(JSON.stringify(idea.body)).not.toContain(name)
      expect(idea.body.source.notes[0]?.authorName).toBe('[erased]')
      const audit = await api<AuditList>(server, 'GET', '/api/admin/audit', { token: hubToken(server) })
      const entry = audit.body.items.find((item) => item.action === 'erasure')
      expect(entry?.details).toEqual({ by: 'name', counts: erased.body.counts })
      expect(JSON.stringify(audit.body)).not.toContain(name)
    })
  })
}
