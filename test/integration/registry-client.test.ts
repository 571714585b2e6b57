import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { fetchFile } from '../../client/src/api/download.ts'
import { ApiError } from '../../client/src/api/http.ts'
import {
  checkHubToken,
  getIdea,
  ideaFacets,
  listIdeas,
  patchIdea,
  promoteNotes,
  similarIdeas,
} from '../../client/src/api/ideas.ts'
import { boardExportPath, localMidnightIso, registryExportPath } from '../../client/src/exports/export-paths.ts'
import { IdeaListModel } from '../../client/src/ideas/list-model.ts'
import { EMPTY_LIST_STATE, withChange } from '../../client/src/ideas/list-query.ts'
import type { TestClient } from '../helpers/clients.ts'
import { boardWithNotes, hubToken, type BoardWithNotes } from '../helpers/ideas.ts'
import { eventually } from '../helpers/poll.ts'
import { serverBackends } from '../helpers/backends.ts'
import type { TestServer } from '../helpers/server.ts'

/**
 * The web client's registry calls (client/src/api) against a real server: what the pages and
 * the promote dialog send, and how they read the answers and refusals.
 */
const backends = await serverBackends()

for (const backend of backends)
  describe.skipIf(!backend.runs)(`the registry client against a real server (${backend.name})`, () => {
    let server: TestServer
    let made: BoardWithNotes
    let facilitator: TestClient
    const requested: string[] = []

    beforeAll(async () => {
      server = await backend.start()
      // The client calls the API with paths relative to its page: resolve them against the server.
      const realFetch = globalThis.fetch
      vi.stubGlobal('fetch', (input: string | URL | Request, init?: RequestInit) => {
        const url = typeof input === 'string' ? new URL(input, server.url) : input
        requested.push(url instanceof Request ? url.url : url.toString())
        return realFetch(url, init)
      })
      made = await boardWithNotes(server, [
        { text: 'Päiväkotien pihat iltakäyttöön', votes: 3 },
        { text: 'Koulujen salit asukkaille', votes: 1 },
        { text: 'Kaupunkipyörät talvella', votes: 2 },
        { text: '=HYPERLINK("x") kaava', votes: 0 },
      ])
      facilitator = made.facilitator
    })
    afterAll(async () => {
      vi.unstubAllGlobals()
      facilitator?.destroy()
      await server?.close()
    })

    it('promotes as the facilitator, answers the same notes again, and names a refusal', async () => {
      const { board, noteIds } = made
      const first = await promoteNotes(board.id, board.tokens.facilitator, {
        noteIds: [noteIds[0]!, noteIds[1]!],
        title: 'Pihat ja salit iltaisin',
      })
      expect(first.created).toBe(true)
      expect(first.idea).toMatchObject({ title: 'Pihat ja salit iltaisin', status: 'new', votes: 4 })
      const again = await promoteNotes(board.id, board.tokens.facilitator, {
        noteIds: [noteIds[1]!, noteIds[0]!],
        title: 'other',
      })
      expect(again).toMatchObject({ created: false, idea: { id: first.idea.id } })

      // A participant may not; a note of another idea is a 409 naming it.
      await expect(promoteNotes(board.id, board.tokens.participant, { noteIds: [noteIds[2]!] })).rejects.toMatchObject({
        status: 403,
      })
      const overlap = await promoteNotes(board.id, board.tokens.facilitator, {
        noteIds: [noteIds[0]!, noteIds[2]!],
      }).catch((error: unknown) => error)
      expect(overlap).toBeInstanceOf(ApiError)
      expect((overlap as ApiError).status).toBe(409)
      expect((overlap as ApiError).message).toContain(first.idea.ref)

      // The similar-ideas search finds it for a new note; linking answers 200 with the idea.
      const similar = await similarIdeas('päiväkodin piha', 5)
      expect(similar.items.map((idea) => idea.id)).toContain(first.idea.id)
      const linked = await promoteNotes(board.id, board.tokens.facilitator, {
        noteIds: [noteIds[2]!],
        linkTo: first.idea.ref,
      })
      expect(linked).toMatchObject({ created: false, idea: { id: first.idea.id, votes: 6 } })
      // The board token never travelled in a URL.
      expect(requested.some((url) => url.includes(board.tokens.facilitator))).toBe(false)
    })

    it('checks a hub token without changing anything', async () => {
      const before = await listIdeas('')
      expect(await checkHubToken(hubToken(server))).toBe('valid')
      expect(await checkHubToken('x'.repeat(40))).toBe('invalid')
      expect(await checkHubToken(made.board.tokens.facilitator)).toBe('invalid')
      const after = await listIdeas('')
      expect(after.items.map((idea) => idea.updatedAt)).toEqual(before.items.map((idea) => idea.updatedAt))
    })

    it('moves, edits and filters the way the registry pages do', async () => {
      const { board, noteIds } = made
      const second = await promoteNotes(board.id, board.tokens.facilitator, {
        noteIds: [noteIds[3]!],
        title: 'Kaavat taulukkoon',
      })
      const idea = (await listIdeas('q=piha')).items[0]!
      await expect(patchIdea(idea.id, { status: 'parked' }, hubToken(server))).rejects.toMatchObject({ status: 400 })
      await expect(patchIdea(idea.id, { status: 'adopted' }, hubToken(server))).rejects.toMatchObject({ status: 409 })
      await expect(patchIdea(idea.id, { status: 'screening' }, 'wrong-token-wrong-token')).rejects.toMatchObject({
        status: 401,
      })
      const moved = await patchIdea(
        idea.ref,
        { status: 'screening', department: 'Sivistystoimiala', tags: ['liikunta'] },
        hubToken(server),
      )
      expect(moved.history.at(-1)).toMatchObject({ by: { role: 'hub' } })
      expect((await getIdea(idea.ref)).status).toBe('screening')
      // The badge on the board follows.
      await eventually(() => {
        const notes = facilitator.doc.getMap('notes')
        const badge = (notes.get(noteIds[0]!) as { get(key: string): unknown }).get('ideaStatus')
        expect(badge).toBe('screening')
      })

      const model = new IdeaListModel({ list: listIdeas, facets: ideaFacets }, EMPTY_LIST_STATE, { searchDelayMs: 0 })
      await model.start()
      expect(model.facets.get()?.departments).toEqual([{ value: 'Sivistystoimiala', count: 1 }])
      model.set(withChange(model.state.get(), { statuses: ['screening'] }))
      await eventually(() => {
        const result = model.result.get()
        expect(result.kind === 'loaded' && !result.loading && result.list.items.map((item) => item.ref)).toEqual([
          idea.ref,
        ])
      })
      model.set(withChange(model.state.get(), { statuses: [], q: 'kaava' }))
      await eventually(() => {
        const result = model.result.get()
        expect(result.kind === 'loaded' && !result.loading && result.list.items.map((item) => item.ref)).toEqual([
          second.idea.ref,
        ])
      })
      model.set(withChange(model.state.get(), { q: '', tag: 'liikunta', sort: 'votes' }))
      await eventually(() => {
        const result = model.result.get()
        expect(result.kind === 'loaded' && !result.loading && result.list.total).toBe(1)
      })
      model.destroy()
    })

    it('downloads the board with its token in a header, and the registry changed since a day', async () => {
      const { board } = made
      const file = await fetchFile(boardExportPath(board.id, { format: 'csv', lang: 'fi', separator: 'semicolon' }), {
        token: board.tokens.viewer,
        fallbackName: 'x.csv',
      })
      expect(file.fileName).toMatch(/^kokeileva-kevaan-ideointi-\d{4}-\d{2}-\d{2}\.csv$/)
      // The saved bytes keep the BOM spreadsheet programs need (Blob.text() would hide it).
      expect([...new Uint8Array(await file.blob.arrayBuffer()).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
      const text = await file.blob.text()
      expect(text).toContain('"teksti";"alue"')
      expect(text).toContain(`"'=HYPERLINK(""x"") kaava"`)
      await expect(
        fetchFile(boardExportPath(board.id, { format: 'md', lang: 'en', separator: 'comma' }), { fallbackName: 'x' }),
      ).rejects.toMatchObject({ status: 401 })

      const today = new Date()
      // Yesterday, so that a run across midnight still finds today's ideas.
      const yesterday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1)
      const day = `${yesterday.getFullYear()}-${String(yesterday.getMonth() + 1).padStart(2, '0')}-${String(yesterday.getDate()).padStart(2, '0')}`
      const recent = await fetchFile(
        registryExportPath({ format: 'json', lang: 'en', separator: 'comma', changedSince: localMidnightIso(day) }),
        { fallbackName: 'x' },
      )
      expect(recent.fileName).toMatch(/^kokeileva-ideas-changed-/)
      expect(JSON.parse(await recent.blob.text()).items.length).toBe(2)
      const tomorrow = new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1)
      const none = await fetchFile(
        registryExportPath({ format: 'json', lang: 'en', separator: 'comma', changedSince: tomorrow.toISOString() }),
        { fallbackName: 'x' },
      )
      expect(JSON.parse(await none.blob.text()).items).toEqual([])
      expect(requested.some((url) => url.includes(board.tokens.viewer))).toBe(false)
    })
  })
