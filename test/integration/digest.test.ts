import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Digest } from '@shared/api/digest.ts'
import type { ErrorBody } from '@shared/api/errors.ts'
import { dayOf } from '@shared/digest/labels.ts'
import { serverBackends } from '../helpers/backends.ts'
import type { TestClient } from '../helpers/clients.ts'
import { at, scriptMove, scriptPromote } from '../helpers/digest-history.ts'
import { api, boardWithNotes, hubToken, promote } from '../helpers/ideas.ts'
import type { TestServer } from '../helpers/server.ts'

const backends = await serverBackends()

const LIBRARY = { id: 'board-library', title: 'Kirjaston ideapaja', method: 'disney' }
const SCHOOLS = { id: 'board-schools', title: 'Koulujen <b>retro</b>', method: 'retro' }

/**
 * The period 2026-03-01 … 2026-03-14 and a history around it: ideas before, in and after it,
 * an experiment started, one running through it, one ended in adoption, a rejection and a merge.
 */
async function scriptHistory(server: TestServer) {
  const ideas = server.app.storage.ideas
  const started = await scriptPromote(ideas, LIBRARY, 'Lainattavat työkalut', at('2026-02-20'))
  await scriptMove(ideas, started.id, at('2026-02-25'), { status: 'screening' })
  await scriptMove(ideas, started.id, at('2026-03-02'), { status: 'evaluating', comment: 'Hyvä, arvioidaan' })
  await scriptMove(ideas, started.id, at('2026-03-05'), {
    status: 'experimenting',
    experiment: { hypothesis: 'Lainaus lisää kävijöitä', metric: 'lainat/kk', owner: 'Kirjasto' },
  })
  const running = await scriptPromote(ideas, SCHOOLS, 'Välituntiliikunta', at('2026-01-10'))
  for (const [day, status] of [
    ['2026-01-11', 'screening'],
    ['2026-01-12', 'evaluating'],
    ['2026-02-01', 'experimenting'],
  ] as const)
    await scriptMove(ideas, running.id, at(day), { status })
  const adopted = await scriptPromote(ideas, SCHOOLS, 'Koulukuljetusten reititys', at('2026-01-05'))
  for (const [day, status] of [
    ['2026-01-06', 'screening'],
    ['2026-01-07', 'evaluating'],
    ['2026-02-02', 'experimenting'],
  ] as const)
    await scriptMove(ideas, adopted.id, at(day), { status })
  await scriptMove(ideas, adopted.id, at('2026-03-10'), {
    status: 'adopted',
    comment: 'Säästö todettu',
    experiment: { result: '−12 % ajokilometrejä', decision: 'Käyttöön kaikissa kouluissa' },
  })
  const fresh = await scriptPromote(ideas, LIBRARY, 'Kirjastoauto <script>', at('2026-03-03'))
  const rejected = await scriptPromote(ideas, LIBRARY, 'Yökirjasto', at('2026-03-04'))
  await scriptMove(ideas, rejected.id, at('2026-03-06'), { status: 'rejected', comment: 'Ei henkilöstöä' })
  const merged = await scriptPromote(ideas, SCHOOLS, 'Kirjastoauto kouluille', at('2026-03-04', 12))
  await scriptMove(ideas, merged.id, at('2026-03-08'), {
    status: 'merged',
    comment: 'Sama idea',
    mergedInto: fresh.id,
  })
  const later = await scriptPromote(ideas, LIBRARY, 'Myöhempi idea', at('2026-03-20'))
  const movedLater = await scriptPromote(ideas, LIBRARY, 'Vanha idea', at('2026-02-01'))
  await scriptMove(ideas, movedLater.id, at('2026-03-20'), { status: 'screening' })
  return { started, running, adopted, fresh, rejected, merged, later, movedLater }
}

for (const backend of backends)
  describe.skipIf(!backend.runs)(`the meeting digest (${backend.name})`, () => {
    let server: TestServer
    let history: Awaited<ReturnType<typeof scriptHistory>>
    const clients: TestClient[] = []

    beforeAll(async () => {
      server = await backend.start()
      history = await scriptHistory(server)
    })
    afterAll(async () => {
      for (const client of clients) client.destroy()
      await server.close()
    })

    const digestOf = async (query: string) => {
      const response = await api<Digest & ErrorBody>(server, 'GET', `/api/digest?${query}`)
      expect(response.status, response.text).toBe(200)
      return response.body
    }

    it('tells what a period held, from the scripted history', async () => {
      const digest = await digestOf('since=2026-03-01&until=2026-03-14')
      const { started, running, adopted, fresh, rejected, merged } = history
      expect(digest).toMatchObject({ since: '2026-03-01', until: '2026-03-14', sinceFrom: 'query' })
      expect(digest.newIdeas).toEqual([fresh.id, rejected.id, merged.id])
      expect(digest.statusChanges.map((change) => [change.ideaId, change.from, change.to, change.comment])).toEqual([
        [started.id, 'screening', 'evaluating', 'Hyvä, arvioidaan'],
        [started.id, 'evaluating', 'experimenting', null],
        [rejected.id, 'new', 'rejected', 'Ei henkilöstöä'],
        [merged.id, 'new', 'merged', 'Sama idea'],
        [adopted.id, 'experimenting', 'adopted', 'Säästö todettu'],
      ])
      expect(digest.experiments).toEqual({ started: [started.id], running: [running.id], ended: [adopted.id] })
      expect(digest.decisions.map((decision) => [decision.ideaId, decision.status, decision.comment])).toEqual([
        [rejected.id, 'rejected', 'Ei henkilöstöä'],
        [merged.id, 'merged', 'Sama idea'],
        [adopted.id, 'adopted', 'Säästö todettu'],
      ])
      const byId = new Map(digest.ideas.map((idea) => [idea.id, idea]))
      expect([...byId.keys()].sort()).toEqual(
        [started.id, running.id, adopted.id, fresh.id, rejected.id, merged.id].sort(),
      )
      expect(byId.get(adopted.id)?.experiment).toMatchObject({ result: '−12 % ajokilometrejä' })
      expect(byId.get(adopted.id)?.timeline.map((step) => step.status)).toEqual([
        'new',
        'screening',
        'evaluating',
        'experimenting',
        'adopted',
      ])
      expect(byId.get(merged.id)?.mergedInto).toMatchObject({ id: fresh.id, ref: fresh.ref })
      expect(byId.get(fresh.id)?.board).toEqual(LIBRARY)
      // The boards of the script have no documents: their workshops come from the promotions.
      expect(digest.workshops.map((workshop) => [workshop.boardId, workshop.ideasPromoted.length])).toEqual(
        expect.arrayContaining([
          [LIBRARY.id, 2],
          [SCHOOLS.id, 1],
        ]),
      )
    })

    it('counts a workshop held today: notes, participants, ideas promoted', async () => {
      const made = await boardWithNotes(
        server,
        [{ text: 'Lainattavat sateenvarjot', votes: 2 }, { text: 'Kirjastokissa' }, { text: 'Satutunti' }],
        'Tämän päivän paja',
      )
      clients.push(made.facilitator)
      const promoted = await promote(server, made.board, { noteIds: [made.noteIds[0]!] })
      expect(promoted.status).toBe(201)
      const today = dayOf(Date.now())
      const digest = await digestOf(`since=${today}&until=${today}`)
      const workshop = digest.workshops.find((entry) => entry.boardId === made.board.id)
      // Three authors (p0, p1, p2) and two voters on the first note.
      expect(workshop).toMatchObject({ title: 'Tämän päivän paja', notes: 3, participants: 5 })
      expect(workshop?.ideasPromoted).toEqual([promoted.body.id])
      expect(digest.newIdeas).toContain(promoted.body.id)
      // Nothing of the scripted past leaks into today.
      expect(digest.newIdeas).not.toContain(history.fresh.id)
    })

    it('writes Markdown and HTML for the minutes, in the language asked for, escaped', async () => {
      const md = await api(server, 'GET', '/api/digest?since=2026-03-01&until=2026-03-14&format=md&lang=fi')
      expect(md.status).toBe(200)
      expect(md.headers.get('content-type')).toMatch(/^text\/markdown/)
      expect(md.text).toMatch(/^# Verkostotapaamisen kooste\n/)
      expect(md.text).toContain('## Päätökset')
      expect(md.text).toContain(
        `[${history.fresh.ref} Kirjastoauto \\<script\\>](${server.url}/ideas/${history.fresh.ref})`,
      )
      expect(md.text).toContain('Otettu käyttöön')
      const html = await api(server, 'GET', '/api/digest?since=2026-03-01&until=2026-03-14&format=html&lang=en')
      expect(html.headers.get('content-type')).toMatch(/^text\/html/)
      expect(html.text).toContain('<html lang="en">')
      expect(html.text).toContain('<h2>Decisions</h2>')
      expect(html.text).toContain('Kirjastoauto &lt;script&gt;')
      expect(html.text).not.toContain('<script>')
      expect(html.text).toContain('@media print')
      const sv = await api(server, 'GET', '/api/digest?since=2026-03-01&until=2026-03-14&format=md&lang=sv')
      expect(sv.text).toContain('## Beslut')
    })

    it('remembers the day the last digest was held as the next one’s start', async () => {
      const before = await digestOf('until=2026-03-31')
      expect(before).toMatchObject({ since: '2026-03-02', sinceFrom: 'default', previous: null })
      const anonymous = await api(server, 'POST', '/api/digest/held', { body: { on: '2026-03-14' } })
      expect(anonymous.status).toBe(401)
      const held = await api(server, 'POST', '/api/digest/held', {
        token: hubToken(server),
        body: { on: '2026-03-14' },
      })
      expect(held.status).toBe(201)
      expect(held.body).toMatchObject({ heldOn: '2026-03-14' })
      const after = await digestOf('until=2026-03-31')
      expect(after).toMatchObject({ since: '2026-03-14', sinceFrom: 'previous', previous: '2026-03-14' })
      expect(after.newIdeas).toEqual([history.later.id])
      expect(after.statusChanges.map((change) => change.ideaId)).toEqual([history.movedLater.id])
      expect([...after.experiments.running].sort()).toEqual([history.started.id, history.running.id].sort())
    })

    it('refuses a bad period or language with 400', async () => {
      for (const query of [
        'since=2026-02-30',
        'since=2026-03-10&until=2026-03-01',
        'lang=de',
        'format=pdf',
        'since=2020-01-01&until=2026-01-01',
      ]) {
        const response = await api<ErrorBody>(server, 'GET', `/api/digest?${query}`)
        expect(response.status, query).toBe(400)
        expect(response.body.message).toBeTruthy()
      }
    })
  })
