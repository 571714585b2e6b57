import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { IdeaFacets, IdeaList, SimilarIdeas } from '@shared/api/ideas.ts'
import type { TestClient } from '../helpers/clients.ts'
import { api, boardWithNotes, patchIdea, promote } from '../helpers/ideas.ts'
import { serverBackends } from '../helpers/backends.ts'
import type { TestServer } from '../helpers/server.ts'

const backends = await serverBackends()

for (const backend of backends)
  describe.skipIf(!backend.runs)(`listing, filtering and searching the registry (${backend.name})`, () => {
    let server: TestServer
    let facilitator: TestClient
    const ids: Record<string, { id: string; ref: string }> = {}

    const NOTES = {
      daycare: { text: 'Päiväkotien pihat iltakäyttöön\nasukkaiden liikuntapaikoiksi', votes: 5 },
      daycareInflected: { text: 'Kerhotilat päiväkodissa myös viikonloppuisin', votes: 1 },
      school: { text: 'Peruskoulujen kirjastot kaikille avoimiksi', votes: 3 },
      bikes: { text: 'Kaupunkipyörät talvikäyttöön', votes: 0 },
      english: { text: 'Open data portal for bus stops', votes: 2 },
    }

    beforeAll(async () => {
      server = await backend.start()
      const made = await boardWithNotes(server, Object.values(NOTES), 'Hakutesti')
      facilitator = made.facilitator
      const keys = Object.keys(NOTES)
      for (const [index, key] of keys.entries()) {
        const response = await promote(server, made.board, { noteIds: [made.noteIds[index]!] })
        expect(response.status).toBe(201)
        ids[key] = { id: response.body.id, ref: response.body.ref }
      }
      await patchIdea(server, ids['daycare']!.id, {
        status: 'screening',
        department: 'Sivistystoimiala',
        tags: ['Liikunta', 'piha'],
      })
      await patchIdea(server, ids['school']!.id, {
        status: 'screening',
        department: 'sivistystoimiala ',
        tags: ['kirjasto'],
      })
      await patchIdea(server, ids['bikes']!.id, { department: 'Kaupunkiympäristö', tags: ['liikunta'] })
    })
    afterAll(async () => {
      facilitator.destroy()
      await server.close()
    })

    async function list(query: string): Promise<IdeaList> {
      const response = await api<IdeaList>(server, 'GET', `/api/ideas?${query}`)
      expect(response.status, response.text).toBe(200)
      return response.body
    }
    const refsOf = (page: IdeaList) => page.items.map((item) => item.ref)
    const refs = (...keys: string[]) => keys.map((key) => ids[key]!.ref)

    it('lists newest first with a total, and pages', async () => {
      const all = await list('')
      expect(all.total).toBe(5)
      expect(refsOf(all)).toEqual(refs('english', 'bikes', 'school', 'daycareInflected', 'daycare'))
      const page = await list('limit=2&offset=2')
      expect(page).toMatchObject({ total: 5, limit: 2, offset: 2 })
      expect(refsOf(page)).toEqual(refs('school', 'daycareInflected'))
      expect(all.items[4]).toMatchObject({
        title: 'Päiväkotien pihat iltakäyttöön',
        excerpt: 'Päiväkotien pihat iltakäyttöön asukkaiden liikuntapaikoiksi',
        votes: 5,
        noteCount: 1,
        hasExperiment: false,
        source: { boardTitle: 'Hakutesti', method: 'blank' },
      })
    })

    it('sorts by votes and by recent change', async () => {
      expect(refsOf(await list('sort=votes'))).toEqual(
        refs('daycare', 'school', 'english', 'daycareInflected', 'bikes'),
      )
      const changed = refsOf(await list('sort=changed'))
      expect(changed.slice(0, 3)).toEqual(refs('bikes', 'school', 'daycare'))
    })

    it('filters by status (one or several), department (case and spacing ignored) and tag', async () => {
      expect(refsOf(await list('status=screening')).sort()).toEqual(refs('daycare', 'school').sort())
      expect((await list('status=new,screening')).total).toBe(5)
      expect(refsOf(await list('department=SIVISTYSTOIMIALA')).sort()).toEqual(refs('daycare', 'school').sort())
      expect(refsOf(await list('tag=liikunta')).sort()).toEqual(refs('daycare', 'bikes').sort())
      expect(refsOf(await list('tag=liikunta&status=new'))).toEqual(refs('bikes'))
      expect((await api(server, 'GET', '/api/ideas?status=approved')).status).toBe(400)
      expect((await api(server, 'GET', '/api/ideas?sort=random')).status).toBe(400)
      expect((await api(server, 'GET', '/api/ideas?limit=1000')).status).toBe(400)
    })

    it('searches Finnish text: without dots, inflected, inside compounds, by ref', async () => {
      expect(refsOf(await list('q=paivakoti')).sort()).toEqual(refs('daycare', 'daycareInflected').sort())
      expect(refsOf(await list(`q=${encodeURIComponent('PÄIVÄKOTI')}`)).sort()).toEqual(
        refs('daycare', 'daycareInflected').sort(),
      )
      expect(refsOf(await list(`q=${encodeURIComponent('päiväkodeissa')}`)).sort()).toEqual(
        refs('daycare', 'daycareInflected').sort(),
      )
      // "koulu" inside "Peruskoulujen", "pyörä" inside "Kaupunkipyörät".
      expect(refsOf(await list('q=koulu'))).toEqual(refs('school'))
      expect(refsOf(await list(`q=${encodeURIComponent('pyörä')}`))).toEqual(refs('bikes'))
      // Every word must match.
      expect(refsOf(await list(`q=${encodeURIComponent('päiväkoti viikonloppu')}`))).toEqual(refs('daycareInflected'))
      expect(refsOf(await list(`q=${encodeURIComponent(ids['english']!.ref)}`))).toEqual(refs('english'))
      expect(refsOf(await list('q=bus'))).toEqual(refs('english'))
      expect((await list('q=olematonsana')).total).toBe(0)
      // Search combines with filters; relevance puts the title match first.
      expect(refsOf(await list('q=paivakoti&status=screening'))).toEqual(refs('daycare'))
      expect(refsOf(await list(`q=${encodeURIComponent('päiväkotien pihat')}`))).toEqual(refs('daycare'))
      // Department and tags are searchable too.
      expect(refsOf(await list('q=kaupunkiymparisto'))).toEqual(refs('bikes'))
    })

    it('suggests similar ideas for a text, best first', async () => {
      const response = await api<SimilarIdeas>(
        server,
        'GET',
        `/api/ideas/similar?text=${encodeURIComponent('Voisiko päiväkodin pihaa käyttää illalla liikuntaan?')}`,
      )
      expect(response.status).toBe(200)
      expect(response.body.items[0]?.ref).toBe(ids['daycare']!.ref)
      expect(response.body.items.map((item) => item.ref)).not.toContain(ids['english']!.ref)
      const none = await api<SimilarIdeas>(server, 'GET', `/api/ideas/similar?text=${encodeURIComponent('xyzzy quux')}`)
      expect(none.body.items).toEqual([])
      expect((await api(server, 'GET', '/api/ideas/similar')).status).toBe(400)
      expect((await api(server, 'GET', `/api/ideas/similar?text=${'a'.repeat(2001)}`)).status).toBe(400)
    })

    it('offers facets: ideas per status, departments and tags in use', async () => {
      const facets = (await api<IdeaFacets>(server, 'GET', '/api/ideas/facets')).body
      expect(facets.statuses.find((entry) => entry.value === 'screening')).toEqual({ value: 'screening', count: 2 })
      expect(facets.statuses.find((entry) => entry.value === 'new')).toEqual({ value: 'new', count: 3 })
      expect(facets.departments).toEqual([
        { value: 'Sivistystoimiala', count: 2 },
        { value: 'Kaupunkiympäristö', count: 1 },
      ])
      expect(facets.tags[0]).toEqual({ value: 'liikunta', count: 2 })
    })
  })

for (const backend of backends)
  describe.skipIf(!backend.runs)(`searching Swedish ideas (${backend.name})`, () => {
    let server: TestServer
    let facilitator: TestClient
    const ids: Record<string, { ref: string }> = {}

    const NOTES = {
      streets: { text: 'Gatorna i centrum bilfria på lördagarna' },
      bikes: { text: 'Stadscyklar vid alla skolgårdar' },
      playgrounds: { text: 'Lekplatsernas öppettider förlängs' },
      daycare: { text: 'Daghemmets gård öppen för invånarna' },
    }

    beforeAll(async () => {
      server = await backend.start()
      const made = await boardWithNotes(
        server,
        Object.values(NOTES).map((note) => ({ ...note, votes: 0 })),
        'Sök',
      )
      facilitator = made.facilitator
      for (const [index, key] of Object.keys(NOTES).entries()) {
        const response = await promote(server, made.board, { noteIds: [made.noteIds[index]!] })
        expect(response.status).toBe(201)
        ids[key] = { ref: response.body.ref }
      }
    })
    afterAll(async () => {
      facilitator.destroy()
      await server.close()
    })

    const search = async (q: string) => {
      const response = await api<IdeaList>(server, 'GET', `/api/ideas?q=${encodeURIComponent(q)}`)
      expect(response.status, response.text).toBe(200)
      return response.body.items.map((item) => item.ref).sort()
    }
    const refs = (...keys: string[]) => keys.map((key) => ids[key]!.ref).sort()

    it('finds other inflections: definite, plural and genitive endings', async () => {
      expect(await search('gata')).toEqual(refs('streets'))
      expect(await search('gatan')).toEqual(refs('streets'))
      expect(await search('lördag')).toEqual(refs('streets'))
      expect(await search('lekplatsen')).toEqual(refs('playgrounds'))
      expect(await search('invånare')).toEqual(refs('daycare'))
      expect(await search('daghemmen')).toEqual(refs('daycare'))
    })

    it('finds words whose unstressed e drops (cykel, cyklar) and inside compounds', async () => {
      expect(await search('cykel')).toEqual(refs('bikes'))
      expect(await search('cykeln')).toEqual(refs('bikes'))
      expect(await search('skolgården')).toEqual(refs('bikes'))
      expect(await search('gårdarna')).toEqual(refs('bikes', 'daycare'))
    })

    it('folds å, ä and ö, and leaves out Swedish function words', async () => {
      expect(await search('lordagarna')).toEqual(refs('streets'))
      expect(await search('oppettider')).toEqual(refs('playgrounds'))
      expect(await search('gatorna och stadscyklar')).toEqual([])
      expect(await search('cykel på skolgården')).toEqual(refs('bikes'))
    })
  })
