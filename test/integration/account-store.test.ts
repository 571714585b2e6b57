import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { SessionUser, Storage } from '../../server/storage/types.ts'
import { postgresFactory, sqliteFactory, type StorageFactory, type StorageFixture } from '../helpers/storage.ts'
import { probePostgres, requireService } from '../helpers/services.ts'

/**
 * The account store (sign-in sessions and the boards of signed-in people, migration 50) against
 * every implementation. With PostgreSQL a second view of the same database stands for another
 * process of the deployment: a session started in one is known to, and ended for, the other.
 */
const postgres = await probePostgres()
const backends: Array<{ name: string; factory: StorageFactory; runs: boolean }> = [
  { name: 'sqlite', factory: sqliteFactory, runs: true },
  {
    name: postgres.available ? 'postgres' : `postgres (skipped: ${postgres.reason})`,
    factory: postgresFactory,
    runs: requireService(postgres),
  },
]

const anna: SessionUser = { id: 'uAnnaAnnaAnnaAnnaAnna0', name: 'Anna Virtanen', email: 'anna@example.org', roles: [] }
const aino: SessionUser = { id: 'uAinoAinoAinoAinoAino0', name: 'Aino Ylläpito', email: null, roles: ['hub', 'admin'] }
const T0 = 1_800_000_000_000

let boardCounter = 0
async function createBoard(storage: Storage, title: string): Promise<string> {
  const id = `acct${++boardCounter}x${Date.now().toString(36)}`
  await storage.boards.createBoard({ id, title, template: 'blank', createdAt: T0 }, Y.encodeStateAsUpdate(new Y.Doc()))
  return id
}

for (const backend of backends) {
  describe.skipIf(!backend.runs)(`account store: ${backend.name}`, () => {
    let fixture: StorageFixture
    let storage: Storage

    beforeEach(async () => {
      fixture = await backend.factory()
      storage = await fixture.open()
    })
    afterEach(async () => {
      await fixture.cleanup()
    })

    it('keeps a session until it expires or is deleted, and sweeps only expired ones', async () => {
      await storage.accounts.createSession('hash-a', { user: anna, expiresAt: T0 + 1000 }, T0)
      await storage.accounts.createSession('hash-b', { user: aino, expiresAt: T0 + 5000 }, T0)
      expect(await storage.accounts.getSession('hash-a', T0 + 999)).toEqual({ user: anna, expiresAt: T0 + 1000 })
      expect(await storage.accounts.getSession('hash-b', T0)).toEqual({ user: aino, expiresAt: T0 + 5000 })
      expect(await storage.accounts.getSession('hash-a', T0 + 1000)).toBeNull()
      expect(await storage.accounts.getSession('unknown', T0)).toBeNull()
      expect(await storage.accounts.deleteExpiredSessions(T0 + 1000)).toBe(1)
      expect(await storage.accounts.getSession('hash-b', T0 + 1000)).not.toBeNull()
      await storage.accounts.deleteSession('hash-b')
      expect(await storage.accounts.getSession('hash-b', T0)).toBeNull()
      await storage.accounts.deleteSession('hash-b') // ending an ended session is no error
    })

    it('lists my boards with the highest role I had, most recently seen first; a deleted board drops out', async () => {
      const first = await createBoard(storage, 'Ensimmäinen')
      const second = await createBoard(storage, 'Toinen')
      await storage.accounts.recordBoard(anna.id, first, 'facilitator', T0 + 10)
      await storage.accounts.recordBoard(anna.id, second, 'viewer', T0 + 20)
      await storage.accounts.recordBoard(anna.id, second, 'participant', T0 + 30)
      // A lesser role later keeps the higher one; an older time does not move it back.
      await storage.accounts.recordBoard(anna.id, first, 'viewer', T0 + 40)
      await storage.accounts.recordBoard(anna.id, second, 'viewer', T0 + 5)
      await storage.accounts.recordBoard(aino.id, second, 'viewer', T0 + 50)
      const mine = await storage.accounts.listBoards(anna.id, 10)
      expect(mine.map((record) => [record.board.id, record.board.title, record.role, record.lastSeenAt])).toEqual([
        [first, 'Ensimmäinen', 'facilitator', T0 + 40],
        [second, 'Toinen', 'participant', T0 + 30],
      ])
      expect(mine[0]!.board.createdAt).toBe(T0)
      expect(mine[0]!.access).toEqual({ linksGeneration: 0, facilitatorGeneration: 0, linksExpireAt: null })
      // The board's generations as they are now: its links were reset since.
      await storage.lifecycle.rotateLinks(second, { facilitator: true, expiresAt: T0 + 99_000 })
      expect((await storage.accounts.listBoards(anna.id, 10))[1]!.access).toEqual({
        linksGeneration: 1,
        facilitatorGeneration: 1,
        linksExpireAt: T0 + 99_000,
      })
      expect((await storage.accounts.listBoards(anna.id, 1)).map((record) => record.board.id)).toEqual([first])
      expect(await storage.lifecycle.deleteBoard(first, T0 + 60)).toBe(true)
      expect((await storage.accounts.listBoards(anna.id, 10)).map((record) => record.board.id)).toEqual([second])
      expect(await storage.accounts.listBoards('nobody', 10)).toEqual([])
    })

    // One SQLite file belongs to one process; PostgreSQL is shared by the deployment.
    it.runIf(backend.name === 'postgres')('shares sessions between two views of the same data', async () => {
      const other = await fixture.open()
      await storage.accounts.createSession('hash-shared', { user: anna, expiresAt: T0 + 60_000 }, T0)
      expect(await other.accounts.getSession('hash-shared', T0 + 1)).toEqual({ user: anna, expiresAt: T0 + 60_000 })
      await storage.accounts.deleteSession('hash-shared')
      expect(await other.accounts.getSession('hash-shared', T0 + 1)).toBeNull()
    })
  })
}
