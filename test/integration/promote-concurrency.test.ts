import { afterAll, describe, expect, it } from 'vitest'
import type { IdeaList } from '@shared/api/ideas.ts'
import { listNotes } from '@shared/board/index.ts'
import { serverBackends, type ServerGroup } from '../helpers/backends.ts'
import { connectClient } from '../helpers/clients.ts'
import { api, boardWithNotes, promote } from '../helpers/ideas.ts'
import { eventually } from '../helpers/poll.ts'
import { startServer, type TestServer } from '../helpers/server.ts'

const YEAR = new Date().getUTCFullYear()
const backends = await serverBackends()

for (const backend of backends)
  describe.skipIf(!backend.runs)(`promotion under concurrency (${backend.name})`, () => {
    const servers: TestServer[] = []
    const groups: ServerGroup[] = []
    const cleanups: Array<() => void> = []
    afterAll(async () => {
      for (const cleanup of cleanups) cleanup()
      for (const server of servers) await server.close()
      for (const group of groups) await group.close()
    })

    it('allocates distinct, gapless refs to parallel promotions', async () => {
      const server = await backend.start()
      servers.push(server)
      const count = 24
      const { board, noteIds, facilitator } = await boardWithNotes(
        server,
        Array.from({ length: count }, (_v, i) => ({ text: `Idea ${i}` })),
      )
      cleanups.push(() => facilitator.destroy())
      const responses = await Promise.all(noteIds.map((id) => promote(server, board, { noteIds: [id] })))
      expect(responses.map((response) => response.status)).toEqual(noteIds.map(() => 201))
      const refs = responses.map((response) => response.body.ref).sort()
      expect(refs).toEqual(Array.from({ length: count }, (_v, i) => `KT-${YEAR}-${String(i + 1).padStart(4, '0')}`))
    })

    it('makes one idea of the same notes promoted in parallel: one 201, the rest 200 with the same idea', async () => {
      const server = await backend.start()
      servers.push(server)
      const { board, noteIds, facilitator } = await boardWithNotes(server, [{ text: 'A' }, { text: 'B' }])
      cleanups.push(() => facilitator.destroy())
      const orders = [noteIds, [...noteIds].reverse()]
      const responses = await Promise.all(
        Array.from({ length: 8 }, (_v, i) => promote(server, board, { noteIds: orders[i % 2]! })),
      )
      const statuses = responses.map((response) => response.status).sort()
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 201])
      expect(new Set(responses.map((response) => response.body.id)).size).toBe(1)
      expect((await api<IdeaList>(server, 'GET', '/api/ideas')).body.total).toBe(1)
    })

    // SQLite is served by one process (server/storage/sqlite/data-dir-lock.ts): a second on the
    // same data directory stops at start. Two handles on one SQLite file sharing the ref
    // sequence are idea-store.test.ts's; here two processes share PostgreSQL.
    if (backend.name === 'sqlite') {
      it('refuses a second server process on the same SQLite data directory', async () => {
        const group = await backend.group()
        groups.push(group)
        const one = await group.start()
        await expect(group.start()).rejects.toThrow(/Another Kokeileva process is using the data directory/)
        // The first serves on.
        const a = await boardWithNotes(one, [{ text: 'A0' }])
        cleanups.push(() => a.facilitator.destroy())
        expect((await promote(one, a.board, { noteIds: a.noteIds })).status).toBe(201)
      })
      return
    }

    it('shares one ref sequence between two server processes on one database', async () => {
      const group = await backend.group()
      groups.push(group)
      const [one, two] = [await group.start(), await group.start()]
      // Each board is served by one process (there is no relay here); the registry is shared.
      const a = await boardWithNotes(
        one,
        Array.from({ length: 6 }, (_v, i) => ({ text: `A${i}` })),
      )
      const b = await boardWithNotes(
        two,
        Array.from({ length: 6 }, (_v, i) => ({ text: `B${i}` })),
      )
      cleanups.push(
        () => a.facilitator.destroy(),
        () => b.facilitator.destroy(),
      )
      const responses = await Promise.all([
        ...a.noteIds.map((id) => promote(one, a.board, { noteIds: [id] })),
        ...b.noteIds.map((id) => promote(two, b.board, { noteIds: [id] })),
      ])
      expect(responses.every((response) => response.status === 201)).toBe(true)
      const refs = responses.map((response) => response.body.ref).sort()
      expect(new Set(refs).size).toBe(12)
      expect(refs.at(-1)).toBe(`KT-${YEAR}-0012`)
    })
  })

describe('promotion on boards nobody has open', () => {
  const servers: TestServer[] = []
  const cleanups: Array<() => void> = []
  afterAll(async () => {
    for (const cleanup of cleanups) cleanup()
    for (const server of servers) await server.close()
  })

  it('loads a board nobody has open, writes the badges, and they are stored when it unloads', async () => {
    const server = await startServer({ IDLE_UNLOAD_MS: '50' })
    servers.push(server)
    const { board, noteIds, facilitator } = await boardWithNotes(server, [{ text: 'Hiljainen taulu' }])
    facilitator.destroy()
    await eventually(async () => expect(await server.app.sync.rooms.peek(board.id)).toBeNull())
    const response = await promote(server, board, { noteIds })
    expect(response.status).toBe(201)
    // The board was loaded for the promotion and unloads again by itself.
    await eventually(async () => expect(await server.app.sync.rooms.peek(board.id)).toBeNull())
    const reader = connectClient(server.syncUrl, board.id, board.tokens.viewer)
    cleanups.push(() => reader.destroy())
    await reader.synced()
    await eventually(() =>
      expect(listNotes(reader.doc)[0]).toMatchObject({
        ideaId: response.body.id,
        ideaRef: response.body.ref,
        ideaStatus: 'new',
      }),
    )
  })
})
