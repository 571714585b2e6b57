import * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { IdeaDetail } from '@shared/api/ideas.ts'
import { listNotes } from '@shared/board/index.ts'
import { connectClient, type TestClient } from '../helpers/clients.ts'
import { api, boardWithNotes, patchIdea, promote } from '../helpers/ideas.ts'
import { eventually } from '../helpers/poll.ts'
import { serverBackends } from '../helpers/backends.ts'
import type { TestServer } from '../helpers/server.ts'

const backends = await serverBackends()

for (const backend of backends)
  describe.skipIf(!backend.runs)(`the innovation hub's workflow over HTTP (${backend.name})`, () => {
    let server: TestServer
    const clients: TestClient[] = []

    beforeAll(async () => {
      server = await backend.start()
    })
    afterAll(async () => {
      for (const client of clients) client.destroy()
      await server.close()
    })

    /** A fresh idea promoted from a fresh board; also returns that board. */
    async function newIdea(text = 'Kirjastoon lainattavat työkalut') {
      const made = await boardWithNotes(server, [{ text, votes: 2 }], 'Ideapaja')
      clients.push(made.facilitator)
      const response = await promote(server, made.board, { noteIds: made.noteIds })
      expect(response.status).toBe(201)
      return { ...made, idea: response.body }
    }

    async function moveThrough(id: string, statuses: string[]): Promise<IdeaDetail> {
      let last: IdeaDetail | null = null
      for (const status of statuses) {
        const response = await patchIdea(server, id, { status, comment: `→ ${status}` })
        expect(response.status, `${status}: ${response.body.message}`).toBe(200)
        last = response.body
      }
      if (!last) throw new Error('no moves')
      return last
    }

    it('needs the hub token: none is 401, a board token 403, a wrong one 401', async () => {
      const { idea, board } = await newIdea()
      expect((await patchIdea(server, idea.id, { status: 'screening' }, '')).status).toBe(401)
      expect((await patchIdea(server, idea.id, { status: 'screening' }, board.tokens.facilitator)).status).toBe(403)
      expect((await patchIdea(server, idea.id, { status: 'screening' }, 'not-the-hub-token-at-all')).status).toBe(401)
      expect((await api(server, 'GET', `/api/ideas/${idea.id}`)).body).toMatchObject({ status: 'new' })
    })

    it('takes an idea through an experiment to adoption, recording every step', async () => {
      const { idea } = await newIdea()
      await moveThrough(idea.id, ['screening', 'evaluating'])
      const started = await patchIdea(server, idea.ref, {
        status: 'experimenting',
        experiment: {
          hypothesis: 'Lainaus lisää kävijöitä',
          metric: 'lainat / kk',
          owner: 'Kirjastopalvelut',
          startsOn: '2026-04-01',
          endsOn: '2026-06-30',
        },
        comment: 'Kolme kirjastoa mukaan',
      })
      expect(started.status).toBe(200)
      expect(started.body.experiment).toEqual({
        hypothesis: 'Lainaus lisää kävijöitä',
        metric: 'lainat / kk',
        owner: 'Kirjastopalvelut',
        startsOn: '2026-04-01',
        endsOn: '2026-06-30',
        result: '',
        decision: '',
      })
      const adopted = await patchIdea(server, idea.id, {
        status: 'adopted',
        experiment: { result: '+18 % kävijöitä', decision: 'Laajennetaan kaikkiin kirjastoihin' },
      })
      expect(adopted.status).toBe(200)
      const { history } = adopted.body
      expect(history.map((entry) => entry.field)).toEqual([
        'created',
        'status',
        'status',
        'status',
        'experiment.hypothesis',
        'experiment.metric',
        'experiment.owner',
        'experiment.startsOn',
        'experiment.endsOn',
        'status',
        'experiment.result',
        'experiment.decision',
      ])
      expect(history[3]).toMatchObject({
        by: { role: 'hub' },
        from: 'evaluating',
        to: 'experimenting',
        comment: 'Kolme kirjastoa mukaan',
      })
      expect(history[4]).toMatchObject({ from: '', to: 'Lainaus lisää kävijöitä', comment: null })
      expect(history[9]).toMatchObject({ from: 'experimenting', to: 'adopted', comment: null })
      expect(history.every((entry) => entry.at >= idea.createdAt)).toBe(true)
      // A decided idea goes nowhere.
      const after = await patchIdea(server, idea.id, { status: 'evaluating' })
      expect(after.status).toBe(409)
    })

    it('iterates from experimenting back to evaluating, and stops an experiment only with a comment', async () => {
      const { idea } = await newIdea()
      await moveThrough(idea.id, ['screening', 'evaluating', 'experimenting', 'evaluating', 'experimenting'])
      const bare = await patchIdea(server, idea.id, { status: 'stopped' })
      expect(bare.status).toBe(400)
      expect(bare.body.message).toContain('comment')
      const blank = await patchIdea(server, idea.id, { status: 'stopped', comment: '   ' })
      expect(blank.status).toBe(400)
      const stopped = await patchIdea(server, idea.id, { status: 'stopped', comment: 'Ei vaikutusta' })
      expect(stopped.status).toBe(200)
      expect(stopped.body.status).toBe('stopped')
    })

    it('answers 409 for a move the diagram does not draw, naming what is allowed', async () => {
      const { idea } = await newIdea()
      for (const status of ['evaluating', 'experimenting', 'adopted', 'stopped']) {
        const response = await patchIdea(server, idea.id, { status, comment: 'yritys' })
        expect(response.status, status).toBe(409)
        expect(response.body.message).toContain('screening')
      }
      expect((await api<IdeaDetail>(server, 'GET', `/api/ideas/${idea.id}`)).body.history).toHaveLength(1)
    })

    it('parks and rejects only with a comment; a parked idea comes back through screening', async () => {
      const { idea } = await newIdea()
      expect((await patchIdea(server, idea.id, { status: 'parked' })).status).toBe(400)
      expect((await patchIdea(server, idea.id, { status: 'parked', comment: 'Budjetti ensi vuonna' })).status).toBe(200)
      expect((await patchIdea(server, idea.id, { status: 'evaluating' })).status).toBe(409)
      expect((await patchIdea(server, idea.id, { status: 'screening' })).status).toBe(200)
      expect((await patchIdea(server, idea.id, { status: 'rejected' })).status).toBe(400)
      const rejected = await patchIdea(server, idea.id, {
        status: 'rejected',
        comment: 'Päällekkäinen hankkeen X kanssa',
      })
      expect(rejected.status).toBe(200)
      expect(rejected.body.history.at(-1)).toMatchObject({
        field: 'status',
        from: 'screening',
        to: 'rejected',
        comment: 'Päällekkäinen hankkeen X kanssa',
      })
    })

    it('edits the experiment record only while evaluating or experimenting, and checks its dates', async () => {
      const { idea } = await newIdea()
      const early = await patchIdea(server, idea.id, { experiment: { hypothesis: 'liian aikaisin' } })
      expect(early.status).toBe(409)
      await moveThrough(idea.id, ['screening', 'evaluating'])
      expect((await patchIdea(server, idea.id, { experiment: { hypothesis: 'H1' } })).status).toBe(200)
      const badDate = await patchIdea(server, idea.id, { experiment: { startsOn: '2026-02-30' } })
      expect(badDate.status).toBe(400)
      expect(badDate.body.message).toContain('startsOn')
      const backwards = await patchIdea(server, idea.id, {
        experiment: { startsOn: '2026-05-01', endsOn: '2026-04-01' },
      })
      expect(backwards.status).toBe(400)
      expect(backwards.body.message).toContain('endsOn')
      const shape = await patchIdea(server, idea.id, { experiment: { startsOn: '1.4.2026' } })
      expect(shape.status).toBe(400)
      const detail = await api<IdeaDetail>(server, 'GET', `/api/ideas/${idea.id}`)
      expect(detail.body.experiment).toMatchObject({ hypothesis: 'H1', startsOn: null, endsOn: null })
    })

    it('merges A into B with a comment: A stays readable with a pointer, B records it, nothing moves', async () => {
      const a = (await newIdea('Kaupunkipyörät talvella')).idea
      const b = (await newIdea('Talvipyöräily kaikille')).idea
      expect((await patchIdea(server, a.id, { status: 'merged', comment: 'Sama idea' })).status).toBe(400)
      expect((await patchIdea(server, a.id, { status: 'merged', mergedInto: b.ref })).status).toBe(400)
      expect(
        (await patchIdea(server, a.id, { status: 'merged', mergedInto: 'KT-1999-0001', comment: 'x' })).status,
      ).toBe(400)
      expect((await patchIdea(server, a.id, { status: 'merged', mergedInto: a.id, comment: 'x' })).status).toBe(400)
      expect((await patchIdea(server, a.id, { mergedInto: b.id, comment: 'x' })).status).toBe(400)

      const merged = await patchIdea(server, a.id, { status: 'merged', mergedInto: b.ref, comment: 'Sama idea' })
      expect(merged.status).toBe(200)
      expect(merged.body).toMatchObject({
        status: 'merged',
        mergedInto: b.id,
        title: a.title,
        description: a.description,
        source: a.source,
        related: { mergedInto: { id: b.id, ref: b.ref, status: 'new' }, mergedFrom: [] },
      })
      expect(merged.body.history.slice(-2)).toMatchObject([
        { field: 'status', from: 'new', to: 'merged', comment: 'Sama idea' },
        { field: 'mergedInto', from: null, to: b.id },
      ])
      const target = (await api<IdeaDetail>(server, 'GET', `/api/ideas/${b.id}`)).body
      expect(target.related.mergedFrom).toEqual([{ id: a.id, ref: a.ref, title: a.title, status: 'merged' }])
      expect(target.history.at(-1)).toMatchObject({
        field: 'mergedFrom',
        to: a.id,
        comment: 'Sama idea',
        by: { role: 'hub' },
      })
      expect(target.source).toEqual(b.source)
      expect(target.status).toBe('new')

      // A merged idea moves no further, and nothing can be merged into it.
      expect((await patchIdea(server, a.id, { status: 'screening' })).status).toBe(409)
      const c = (await newIdea('Pyöräteiden auraus')).idea
      const intoMerged = await patchIdea(server, c.id, { status: 'merged', mergedInto: a.id, comment: 'x' })
      expect(intoMerged.status).toBe(409)
      expect(intoMerged.body.message).toContain(a.ref)
    })

    it('records field changes with their old and new values; unchanged fields and empty changes add nothing', async () => {
      const { idea } = await newIdea()
      const changed = await patchIdea(server, idea.id, {
        title: 'Työkalulainaamo',
        department: ' Kulttuuripalvelut ',
        tags: ['Kirjasto', 'kiertotalous', 'kirjasto '],
        comment: 'Tarkennettu',
      })
      expect(changed.status).toBe(200)
      expect(changed.body).toMatchObject({
        title: 'Työkalulainaamo',
        department: 'Kulttuuripalvelut',
        tags: ['kirjasto', 'kiertotalous'],
      })
      expect(changed.body.history.slice(1)).toMatchObject([
        { field: 'title', from: idea.title, to: 'Työkalulainaamo', comment: 'Tarkennettu' },
        { field: 'department', from: null, to: 'Kulttuuripalvelut', comment: null },
        { field: 'tags', from: [], to: ['kirjasto', 'kiertotalous'], comment: null },
      ])
      const same = await patchIdea(server, idea.id, { title: 'Työkalulainaamo', status: 'new' })
      expect(same.status).toBe(200)
      expect(same.body.history).toHaveLength(4)
      expect(same.body.updatedAt).toBe(changed.body.updatedAt)
      const remark = await patchIdea(server, idea.id, { comment: 'Käsitellään kokouksessa 12.3.' })
      expect(remark.body.history.at(-1)).toMatchObject({
        field: 'comment',
        from: null,
        to: null,
        comment: 'Käsitellään kokouksessa 12.3.',
      })
      const cleared = await patchIdea(server, idea.id, { department: null })
      expect(cleared.body.department).toBeNull()
      expect((await patchIdea(server, idea.id, {})).status).toBe(400)
      expect((await patchIdea(server, idea.id, { title: '   ' })).status).toBe(400)
      expect((await patchIdea(server, idea.id, { status: 'approved' })).status).toBe(400)
      expect((await patchIdea(server, idea.id, { tags: ['x'.repeat(41)] })).status).toBe(400)
    })

    it('finds ideas by id or ref, and answers 404 for neither', async () => {
      const { idea } = await newIdea()
      expect((await api(server, 'GET', `/api/ideas/${idea.ref}`)).status).toBe(200)
      expect((await api(server, 'GET', '/api/ideas/NoSuchIdea1')).status).toBe(404)
      expect((await api(server, 'GET', '/api/ideas/KT-1999-0001')).status).toBe(404)
      expect((await patchIdea(server, 'NoSuchIdea1', { status: 'screening' })).status).toBe(404)
      expect((await api(server, 'GET', '/api/ideas/bad%20id')).status).toBe(400)
    })

    it("updates the badge on the board's notes live when the hub changes the status", async () => {
      const { idea, board, noteIds } = await newIdea()
      const watcher = connectClient(server.syncUrl, board.id, board.tokens.viewer)
      clients.push(watcher)
      await watcher.synced()
      await eventually(() => expect(listNotes(watcher.doc)[0]).toMatchObject({ ideaRef: idea.ref, ideaStatus: 'new' }))
      await patchIdea(server, idea.id, { status: 'screening' })
      await eventually(() =>
        expect(listNotes(watcher.doc)[0]).toMatchObject({ id: noteIds[0], ideaStatus: 'screening' }),
      )
      await patchIdea(server, idea.id, { status: 'parked', comment: 'Odottaa budjettia' })
      await eventually(() => expect(listNotes(watcher.doc)[0]?.ideaStatus).toBe('parked'))
    })

    it("refuses a participant's attempt to change a note's idea badge; the note itself stays editable", async () => {
      const { idea, board, noteIds, facilitator } = await newIdea()
      const participant = connectClient(server.syncUrl, board.id, board.tokens.participant)
      clients.push(participant)
      await participant.synced()
      await eventually(() => expect(listNotes(participant.doc)[0]?.ideaStatus).toBe('new'))
      const noteMap = participant.doc.getMap('notes').get(noteIds[0]!)
      if (!(noteMap instanceof Y.Map)) throw new Error('note missing')
      noteMap.set('ideaStatus', 'adopted')
      await eventually(() => expect(listNotes(participant.doc)[0]?.ideaStatus).toBe('new'))
      noteMap.set('x', 500)
      await eventually(() =>
        expect(listNotes(facilitator.doc)[0]).toMatchObject({ x: 500, ideaStatus: 'new', ideaRef: idea.ref }),
      )
    })
  })
