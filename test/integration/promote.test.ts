import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { IdeaList } from '@shared/api/ideas.ts'
import { listNotes } from '@shared/board/index.ts'
import { connectClient, type TestClient } from '../helpers/clients.ts'
import { api, boardWithNotes, promote } from '../helpers/ideas.ts'
import { eventually } from '../helpers/poll.ts'
import { serverBackends } from '../helpers/backends.ts'
import type { TestServer } from '../helpers/server.ts'

const YEAR = new Date().getUTCFullYear()

const backends = await serverBackends()

for (const backend of backends)
  describe.skipIf(!backend.runs)(`promoting notes to the registry (${backend.name})`, () => {
    let server: TestServer
    const clients: TestClient[] = []

    beforeAll(async () => {
      server = await backend.start()
    })
    afterAll(async () => {
      for (const client of clients) client.destroy()
      await server.close()
    })

    async function setup(notes: Parameters<typeof boardWithNotes>[1], title?: string) {
      const made = await boardWithNotes(server, notes, title)
      clients.push(made.facilitator)
      return made
    }

    async function total(): Promise<number> {
      return (await api<IdeaList>(server, 'GET', '/api/ideas?limit=1')).body.total
    }

    it('creates an idea with a default title, the notes as description, frozen provenance and a ref', async () => {
      const { board, noteIds } = await setup(
        [
          {
            text: '\n  Päiväkotien pihat iltakäyttöön  \nmyös viikonloppuisin',
            zone: 'dreamer',
            votes: 3,
            authorName: 'Aino',
          },
          { text: 'Kuka vastaa siivouksesta?', zone: 'critic', votes: 1, authorName: 'Eero' },
          { text: 'Ei mukaan', zone: 'realist' },
        ],
        'Lähiöiden kehittäminen',
      )
      const response = await promote(server, board, { noteIds: [noteIds[0]!, noteIds[1]!] })
      expect(response.status).toBe(201)
      const idea = response.body
      expect(idea.ref).toMatch(new RegExp(`^KT-${YEAR}-\\d{4}$`))
      expect(idea.title).toBe('Päiväkotien pihat iltakäyttöön')
      expect(idea.description).toBe(
        'Päiväkotien pihat iltakäyttöön  \nmyös viikonloppuisin\n\nKuka vastaa siivouksesta?',
      )
      expect(idea.status).toBe('new')
      expect(idea.votes).toBe(4)
      expect(idea.source).toMatchObject({
        boardId: board.id,
        boardTitle: 'Lähiöiden kehittäminen',
        method: 'blank',
        noteIds: [noteIds[0], noteIds[1]],
        zones: [
          { id: 'dreamer', title: 'Unelmoija', kind: 'dreamer' },
          { id: 'critic', title: 'Kriitikko', kind: 'critic' },
        ],
        notes: [
          {
            id: noteIds[0],
            text: '\n  Päiväkotien pihat iltakäyttöön  \nmyös viikonloppuisin',
            zone: 'dreamer',
            votes: 3,
            authorName: 'Aino',
          },
          { id: noteIds[1], text: 'Kuka vastaa siivouksesta?', zone: 'critic', votes: 1, authorName: 'Eero' },
        ],
      })
      expect(idea.history).toEqual([
        {
          at: idea.createdAt,
          by: { role: 'facilitator', boardId: board.id, boardTitle: 'Lähiöiden kehittäminen' },
          field: 'created',
          from: null,
          to: 'new',
          comment: null,
        },
      ])
      const fetched = await api(server, 'GET', `/api/ideas/${idea.ref}`)
      expect(fetched.status).toBe(200)
      expect(fetched.body).toEqual(idea)
    })

    it('takes the title and description given, and keeps provenance frozen when the notes change later', async () => {
      const { board, noteIds, facilitator } = await setup([{ text: 'Alkuperäinen teksti', votes: 2 }])
      const response = await promote(server, board, { noteIds, title: '  Oma   otsikko ', description: 'Oma kuvaus' })
      expect(response.status).toBe(201)
      expect(response.body).toMatchObject({ title: 'Oma otsikko', description: 'Oma kuvaus' })
      const text = facilitator.doc.getMap('notes').get(noteIds[0]!)
      expect(text).toBeDefined()
      const { noteText } = await import('@shared/board/index.ts')
      noteText(facilitator.doc, noteIds[0]!)?.insert(0, 'Muutettu: ')
      const again = await promote(server, board, { noteIds })
      expect(again.status).toBe(200)
      expect(again.body.source.notes[0]?.text).toBe('Alkuperäinen teksti')
    })

    it('writes the idea id, ref and status onto the notes, live for everyone on the board', async () => {
      const { board, noteIds } = await setup([{ text: 'Yksi' }, { text: 'Kaksi' }, { text: 'Kolme' }])
      const participant = connectClient(server.syncUrl, board.id, board.tokens.participant)
      clients.push(participant)
      await participant.synced()
      const response = await promote(server, board, { noteIds: noteIds.slice(0, 2) })
      expect(response.status).toBe(201)
      await eventually(() => {
        const notes = new Map(listNotes(participant.doc).map((note) => [note.id, note]))
        for (const id of noteIds.slice(0, 2)) {
          expect(notes.get(id)).toMatchObject({
            ideaId: response.body.id,
            ideaRef: response.body.ref,
            ideaStatus: 'new',
          })
        }
        expect(notes.get(noteIds[2]!)).toMatchObject({ ideaId: null, ideaRef: null, ideaStatus: null })
      })
    })

    it('answers the same notes, in any order and with any title, with the existing idea (200)', async () => {
      const { board, noteIds } = await setup([{ text: 'A' }, { text: 'B' }, { text: 'C' }])
      const first = await promote(server, board, { noteIds: [noteIds[0]!, noteIds[1]!] })
      expect(first.status).toBe(201)
      const before = await total()
      const again = await promote(server, board, { noteIds: [noteIds[1]!, noteIds[0]!], title: 'Toinen otsikko' })
      expect(again.status).toBe(200)
      expect(again.body.id).toBe(first.body.id)
      expect(again.body.title).toBe('A')
      expect(await total()).toBe(before)
    })

    it('refuses with 409 a set that shares notes with another idea, naming them, and writes nothing', async () => {
      const { board, noteIds } = await setup([{ text: 'A' }, { text: 'B' }, { text: 'C' }])
      const first = await promote(server, board, { noteIds: [noteIds[0]!, noteIds[1]!] })
      const before = await total()
      for (const overlapping of [[noteIds[1]!, noteIds[2]!], [noteIds[0]!], [...noteIds]]) {
        const response = await promote(server, board, { noteIds: overlapping })
        expect(response.status).toBe(409)
        expect(response.body.error).toBe('conflict')
        expect(response.body.message).toContain(first.body.ref)
        expect(response.body.message).toContain(overlapping.includes(noteIds[1]!) ? noteIds[1]! : noteIds[0]!)
      }
      expect(await total()).toBe(before)
      // The note outside the idea can still be promoted on its own.
      expect((await promote(server, board, { noteIds: [noteIds[2]!] })).status).toBe(201)
    })

    it('refuses unknown note ids with a 400 naming them, and allocates no ref', async () => {
      const { board, noteIds } = await setup([{ text: 'Olemassa' }])
      const before = await total()
      const response = await promote(server, board, { noteIds: [noteIds[0]!, 'nope-1', 'nope-2'] })
      expect(response.status).toBe(400)
      expect(response.body.message).toContain('nope-1')
      expect(response.body.message).toContain('nope-2')
      expect(response.body.message).not.toContain(noteIds[0]!)
      expect(await total()).toBe(before)
      const next = await promote(server, board, { noteIds })
      const refs = (await api<IdeaList>(server, 'GET', '/api/ideas?limit=100')).body.items.map((item) => item.ref)
      const numbers = refs.map((ref) => Number(ref.slice(-4))).sort((a, b) => a - b)
      expect(Number(next.body.ref.slice(-4))).toBe(numbers.at(-1))
      expect(numbers).toEqual(numbers.map((_n, index) => index + 1))
    })

    it('needs a title when the notes have no text', async () => {
      const { board, noteIds } = await setup([{ text: '   ' }])
      const response = await promote(server, board, { noteIds })
      expect(response.status).toBe(400)
      expect(response.body.message).toContain('body/title')
      expect((await promote(server, board, { noteIds, title: 'Tyhjä lappu' })).status).toBe(201)
    })

    it('is for the facilitator only', async () => {
      const { board, noteIds } = await setup([{ text: 'Idea' }])
      const other = await server.createBoard('Toinen')
      expect((await promote(server, board, { noteIds }, board.tokens.participant)).status).toBe(403)
      expect((await promote(server, board, { noteIds }, board.tokens.viewer)).status).toBe(403)
      expect((await promote(server, board, { noteIds }, other.tokens.facilitator)).status).toBe(403)
      expect((await promote(server, board, { noteIds }, 'garbage')).status).toBe(401)
      const missing = server.app.tokens.sign('NoSuchBoard1', 'facilitator')
      const response = await api(server, 'POST', '/api/boards/NoSuchBoard1/promote', {
        token: missing,
        body: { noteIds: ['x'] },
      })
      expect(response.status).toBe(404)
    })

    it('validates the body and names the field', async () => {
      const { board, noteIds } = await setup([{ text: 'Idea' }])
      const cases: Array<[unknown, string]> = [
        [{ noteIds: [] }, 'noteIds'],
        [{ noteIds: [noteIds[0], noteIds[0]] }, 'noteIds'],
        [{ noteIds, title: 'x'.repeat(201) }, 'title'],
        [{ noteIds, description: 'x'.repeat(10_001) }, 'description'],
        [{ noteIds, extra: true }, 'extra'],
        [{}, 'noteIds'],
      ]
      for (const [body, field] of cases) {
        const response = await api<{ error: string; message: string }>(
          server,
          'POST',
          `/api/boards/${board.id}/promote`,
          {
            token: board.tokens.facilitator,
            body,
          },
        )
        expect(response.status, JSON.stringify(body)).toBe(400)
        expect(response.body.message).toContain(field)
      }
    })
  })
