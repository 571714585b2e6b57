import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { IdeaDetail, SimilarIdeas } from '@shared/api/ideas.ts'
import { listNotes } from '@shared/board/index.ts'
import type { TestClient } from '../helpers/clients.ts'
import { api, boardWithNotes, patchIdea, promote } from '../helpers/ideas.ts'
import { eventually } from '../helpers/poll.ts'
import { serverBackends } from '../helpers/backends.ts'
import type { TestServer } from '../helpers/server.ts'

const backends = await serverBackends()

for (const backend of backends)
  describe.skipIf(!backend.runs)(
    `linking notes to an existing idea instead of promoting a duplicate (${backend.name})`,
    () => {
      let server: TestServer
      const clients: TestClient[] = []

      beforeAll(async () => {
        server = await backend.start()
      })
      afterAll(async () => {
        for (const client of clients) client.destroy()
        await server.close()
      })

      async function setup(notes: Parameters<typeof boardWithNotes>[1], title: string) {
        const made = await boardWithNotes(server, notes, title)
        clients.push(made.facilitator)
        return made
      }

      it('finds the similar idea, links the notes to it, and badges them on their own board', async () => {
        const first = await setup([{ text: 'Koulujen liikuntasalit iltaisin asukkaille', votes: 2 }], 'Kevät')
        const original = (await promote(server, first.board, { noteIds: first.noteIds })).body
        const second = await setup(
          [
            { text: 'Liikuntasalit auki illalla', votes: 3 },
            { text: 'Salivuorot netistä', votes: 1 },
            { text: 'Muu asia' },
          ],
          'Syksy',
        )
        const similar = await api<SimilarIdeas>(
          server,
          'GET',
          `/api/ideas/similar?text=${encodeURIComponent('Liikuntasalit auki illalla\nSalivuorot netistä')}`,
        )
        expect(similar.body.items[0]?.ref).toBe(original.ref)

        const linkedIds = second.noteIds.slice(0, 2)
        const linked = await promote(server, second.board, { noteIds: linkedIds, linkTo: original.ref })
        expect(linked.status).toBe(200)
        expect(linked.body).toMatchObject({
          id: original.id,
          ref: original.ref,
          title: original.title,
          votes: 6,
          source: original.source,
        })
        expect(linked.body.links).toHaveLength(1)
        expect(linked.body.links[0]).toMatchObject({
          boardId: second.board.id,
          boardTitle: 'Syksy',
          noteIds: linkedIds,
          notes: [
            { text: 'Liikuntasalit auki illalla', votes: 3 },
            { text: 'Salivuorot netistä', votes: 1 },
          ],
        })
        expect(linked.body.history.at(-1)).toMatchObject({
          field: 'linked',
          to: linkedIds,
          by: { role: 'facilitator', boardId: second.board.id, boardTitle: 'Syksy' },
        })
        await eventually(() => {
          const notes = listNotes(second.facilitator.doc).filter((note) => note.ideaId !== null)
          expect(notes.map((note) => note.id).sort()).toEqual([...linkedIds].sort())
          expect(notes.every((note) => note.ideaRef === original.ref && note.ideaStatus === 'new')).toBe(true)
        })

        // The same notes again, linked or promoted: the same idea, nothing added.
        const again = await promote(server, second.board, { noteIds: [...linkedIds].reverse(), linkTo: original.id })
        expect(again.status).toBe(200)
        expect(again.body.history).toHaveLength(linked.body.history.length)
        const promotedAgain = await promote(server, second.board, { noteIds: linkedIds })
        expect(promotedAgain.status).toBe(200)
        expect(promotedAgain.body.id).toBe(original.id)
        // Overlapping notes are refused.
        const overlap = await promote(server, second.board, {
          noteIds: [linkedIds[0]!, second.noteIds[2]!],
          linkTo: original.id,
        })
        expect(overlap.status).toBe(409)
        expect(overlap.body.message).toContain(linkedIds[0]!)

        // The hub's status change reaches both boards.
        await patchIdea(server, original.id, { status: 'screening' })
        await eventually(() => {
          expect(listNotes(first.facilitator.doc)[0]?.ideaStatus).toBe('screening')
          expect(listNotes(second.facilitator.doc).filter((note) => note.ideaStatus === 'screening')).toHaveLength(2)
        })
        // The linked notes are found by search, and counted.
        const list = await api<{ items: Array<{ ref: string; noteCount: number }> }>(
          server,
          'GET',
          `/api/ideas?q=${encodeURIComponent('salivuorot')}`,
        )
        expect(list.body.items).toEqual([expect.objectContaining({ ref: original.ref, noteCount: 3 })])
      })

      it('refuses a missing idea, a merged idea, and a title or description given with linkTo', async () => {
        const board = await setup([{ text: 'Yksi' }, { text: 'Kaksi' }, { text: 'Kolme' }], 'Talvi')
        const a = (await promote(server, board.board, { noteIds: [board.noteIds[0]!] })).body
        const b = (await promote(server, board.board, { noteIds: [board.noteIds[1]!] })).body
        await patchIdea(server, a.id, { status: 'merged', mergedInto: b.id, comment: 'Sama' })
        const rest = [board.noteIds[2]!]
        const missing = await promote(server, board.board, { noteIds: rest, linkTo: 'KT-1999-0001' })
        expect(missing.status).toBe(400)
        expect(missing.body.message).toContain('linkTo')
        const merged = await promote(server, board.board, { noteIds: rest, linkTo: a.ref })
        expect(merged.status).toBe(409)
        expect(merged.body.message).toContain(a.ref)
        const titled = await promote(server, board.board, { noteIds: rest, linkTo: b.id, title: 'Otsikko' })
        expect(titled.status).toBe(400)
        const unknown = await promote(server, board.board, { noteIds: ['ghost'], linkTo: b.id })
        expect(unknown.status).toBe(400)
        expect(unknown.body.message).toContain('ghost')
        const after = (await api<IdeaDetail>(server, 'GET', `/api/ideas/${b.id}`)).body
        expect(after.links).toEqual([])
        expect(listNotes(board.facilitator.doc).find((note) => note.id === rest[0])?.ideaId).toBeNull()
      })
    },
  )
