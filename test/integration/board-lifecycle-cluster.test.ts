import pg from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import type { RotatedLinks, SyncTicket } from '@shared/api/lifecycle.ts'
import { createNote } from '@shared/board/index.ts'
import { CloseCode } from '@shared/protocol.ts'
import { createCluster, type ClusterFixture } from '../helpers/cluster.ts'
import { connectClient, openRaw } from '../helpers/clients.ts'
import { api } from '../helpers/ideas.ts'
import { eventually } from '../helpers/poll.ts'
import { probePostgres, probeRedis, requireService } from '../helpers/services.ts'

/**
 * Two server processes on one PostgreSQL database and one Redis: a link reset or a deletion
 * made through one process closes the connections open on the other, and a ticket issued by
 * one is good (once) on the other.
 */
const [postgres, redis] = await Promise.all([probePostgres(), probeRedis()])
const missing = [postgres, redis].filter((status) => !status.available)
const runs = missing.every((status) => requireService(status))

describe.skipIf(!runs)(
  `board lifecycle in a cluster${runs ? '' : ` (skipped: ${missing.map((s) => s.reason).join('; ')})`}`,
  () => {
    let cluster: ClusterFixture

    afterEach(async () => {
      await cluster?.cleanup()
    })

    it('a reset on one process closes old-token connections on the other with 4401; a deletion closes all with 4404', async () => {
      cluster = await createCluster()
      const [a, b] = await Promise.all([cluster.startNode(), cluster.startNode()])
      const board = await a.createBoard('Kaksi prosessia')
      const writer = cluster.track(connectClient(b.syncUrl, board.id, board.tokens.facilitator))
      await writer.synced()
      createNote(writer.doc, {
        authorId: 'p1',
        authorName: 'Aino',
        color: '#fde68a',
        zone: null,
        x: 1,
        y: 1,
        text: 'x',
      })
      const participantOnB = openRaw(`${b.syncUrl}/${board.id}?token=${board.tokens.participant}`)
      await participantOnB.opened

      const rotated = await api<RotatedLinks>(a, 'POST', `/api/boards/${board.id}/links/rotate`, {
        token: board.tokens.facilitator,
        body: {},
      })
      expect(rotated.status).toBe(200)
      expect((await participantOnB.closed).code).toBe(CloseCode.Unauthorized)
      expect((await api(b, 'GET', `/api/boards/${board.id}`, { token: board.tokens.participant })).status).toBe(401)

      // A ticket from A opens B once.
      const ticket = (
        await api<SyncTicket>(a, 'POST', `/api/boards/${board.id}/ticket`, { token: rotated.body.tokens.viewer })
      ).body.ticket
      const viewerOnB = openRaw(`${b.syncUrl}/${board.id}?ticket=${ticket}`)
      await viewerOnB.opened
      await eventually(() => expect(viewerOnB.messages.length).toBeGreaterThan(0))
      expect((await openRaw(`${a.syncUrl}/${board.id}?ticket=${ticket}`).closed).code).toBe(CloseCode.Unauthorized)

      expect((await api(a, 'DELETE', `/api/boards/${board.id}`, { token: board.tokens.facilitator })).status).toBe(204)
      expect((await viewerOnB.closed).code).toBe(CloseCode.NotFound)
      await eventually(() => expect(writer.provider.wsconnected).toBe(false))
      await eventually(async () => expect(await b.app.sync.rooms.peek(board.id)).toBeNull())
      const db = new pg.Client({ connectionString: cluster.database.url })
      await db.connect()
      try {
        for (const table of ['board_snapshots', 'board_updates']) {
          const { rows } = await db.query(`SELECT count(*)::int AS n FROM ${table} WHERE board_id = $1`, [board.id])
          expect(rows[0]).toEqual({ n: 0 })
        }
        const { rows } = await db.query('SELECT count(*)::int AS n FROM boards WHERE id = $1', [board.id])
        expect(rows[0]).toEqual({ n: 0 })
      } finally {
        await db.end()
      }
      expect((await openRaw(`${b.syncUrl}/${board.id}?token=${board.tokens.facilitator}`).closed).code).toBe(
        CloseCode.NotFound,
      )
    })
  },
)
