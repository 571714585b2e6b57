import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { BoardCreated } from '@shared/api/boards.ts'
import type { TemplateBody, TemplateList } from '@shared/api/templates.ts'
import {
  createZone,
  listZones,
  readMeta,
  readPhases,
  readSession,
  updateZone,
  writePhases,
} from '@shared/board/index.ts'
import { TEMPLATES } from '@shared/templates/index.ts'
import { connectClient, type TestClient } from '../helpers/clients.ts'
import { eventually } from '../helpers/poll.ts'
import { startServer, type TestServer } from '../helpers/server.ts'

describe('templates API', () => {
  let server: TestServer
  const clients: TestClient[] = []

  beforeAll(async () => {
    server = await startServer()
  })
  // Each test's clients go when it ends (every live provider holds a process 'exit' listener).
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy()
  })
  afterAll(async () => {
    await server.close()
  })

  const api = (path: string, init: RequestInit & { token?: string; json?: unknown } = {}) => {
    const headers: Record<string, string> = { ...(init.headers as Record<string, string> | undefined) }
    if (init.token) headers['authorization'] = `Bearer ${init.token}`
    if (init.json !== undefined) headers['content-type'] = 'application/json'
    return fetch(`${server.url}${path}`, {
      ...init,
      headers,
      ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
    })
  }

  const createBoard = async (template: string, language = 'fi-FI,fi;q=0.9'): Promise<BoardCreated> => {
    const response = await api('/api/boards', {
      method: 'POST',
      json: { title: 'Työpaja', template },
      headers: { 'accept-language': language },
    })
    expect(response.status).toBe(201)
    return (await response.json()) as BoardCreated
  }

  const open = async (board: BoardCreated, role: 'facilitator' | 'participant' = 'facilitator') => {
    const client = connectClient(server.syncUrl, board.id, board.tokens[role])
    clients.push(client)
    await client.synced()
    await eventually(() => expect(readMeta(client.doc).title).toBe('Työpaja'))
    return client
  }

  it('GET /api/templates lists every built-in template with both languages', async () => {
    const response = await api('/api/templates')
    expect(response.status).toBe(200)
    const { items } = (await response.json()) as TemplateList
    expect(items.map((item) => item.id)).toEqual(TEMPLATES.map((template) => template.id))
    const disney = items.find((item) => item.id === 'disney')
    expect(disney?.builtIn).toBe(true)
    expect(disney?.phases.find((phase) => phase.id === 'critic')?.loopTo).toBe('dreamer')
    expect(disney?.zones.find((zone) => zone.kind === 'dreamer')?.title).toEqual({
      fi: 'Unelmoija',
      en: 'Dreamer',
      sv: 'Drömmare',
    })
  })

  it.each(TEMPLATES.map((template) => [template.id, template] as const))(
    'POST /api/boards {template: %s} lays out its zones in the creator’s language and starts its first phase',
    async (id, template) => {
      const board = await createBoard(id, 'en-GB,en;q=0.8')
      const client = await open(board)
      const first = template.phases[0]
      const session = readSession(client.doc)
      expect(session.phase).toBe(first?.id)
      expect(session.silent).toBe(first?.silent)
      expect(session.voting.open).toBe(first?.voting)
      expect(
        listZones(client.doc)
          .map((zone) => zone.title)
          .sort(),
      ).toEqual(template.zones.map((zone) => zone.title.en).sort())
      expect(readPhases(client.doc).map((phase) => phase.title)).toEqual(template.phases.map((phase) => phase.title.en))
      expect(readMeta(client.doc)).toMatchObject({ template: id, locale: 'en' })
    },
  )

  it('writes zone titles in Finnish for a Finnish browser', async () => {
    const client = await open(await createBoard('disney'))
    expect(listZones(client.doc).find((zone) => zone.kind === 'critic')?.title).toBe('Kriitikko')
    expect(readPhases(client.doc)[1]?.title).toBe('Unelmoija')
  })

  it('writes zone titles and phases in Swedish for a Swedish browser (sv-FI, or sv after another language)', async () => {
    for (const language of ['sv-FI,sv;q=0.9,fi;q=0.8', 'de-DE, sv;q=0.8']) {
      const client = await open(await createBoard('disney', language))
      expect(readMeta(client.doc).locale).toBe('sv')
      expect(listZones(client.doc).find((zone) => zone.kind === 'critic')?.title).toBe('Kritiker')
      expect(readPhases(client.doc)[1]?.title).toBe('Drömmare')
    }
  })

  it('rejects an unknown template and a malformed id with 400 naming the field', async () => {
    for (const template of ['nope', 'Not-An-Id']) {
      const response = await api('/api/boards', { method: 'POST', json: { title: 'x', template } })
      expect(response.status).toBe(400)
      expect(((await response.json()) as { message: string }).message).toMatch(/template/)
    }
  })

  it('GET /api/time answers the server clock, uncached', async () => {
    const before = Date.now()
    const response = await api('/api/time')
    const body = (await response.json()) as { now: number }
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(body.now).toBeGreaterThanOrEqual(before - 5)
    expect(body.now).toBeLessThanOrEqual(Date.now() + 5)
  })

  describe('custom templates', () => {
    it('a facilitator saves a board’s layout and phases; new boards start from it; it is listed and deletable', async () => {
      const board = await createBoard('disney')
      const facilitator = await open(board)
      // The facilitator adapts the board: renames a zone, adds one, and opens it in a new phase.
      const dreamer = listZones(facilitator.doc).find((zone) => zone.kind === 'dreamer')
      if (!dreamer) throw new Error('no dreamer zone')
      updateZone(facilitator.doc, dreamer.id, { title: 'Unelmoijat' })
      createZone(facilitator.doc, {
        id: 'parking',
        kind: 'frame',
        title: 'Parkkipaikka',
        prompt: '',
        x: 0,
        y: 1400,
        width: 600,
        height: 300,
        color: '#f4f4f5',
      })
      writePhases(facilitator.doc, [
        ...readPhases(facilitator.doc),
        {
          id: 'park',
          title: 'Parkkipaikka',
          prompt: 'Mitä jäi auki?',
          minutes: 3,
          openZones: ['parking'],
          silent: false,
          voting: false,
          loopTo: null,
        },
      ])
      await eventually(async () => {
        const check = await api(`/api/boards/${board.id}`, { token: board.tokens.viewer })
        expect(((await check.json()) as { counts: { zones: number } }).counts.zones).toBe(6)
      })

      const saved = await api('/api/templates', {
        method: 'POST',
        token: board.tokens.facilitator,
        json: { boardId: board.id, name: { fi: 'Meidän Disney' } },
      })
      expect(saved.status).toBe(201)
      const template = (await saved.json()) as TemplateBody
      expect(template.id).toMatch(/^c-[a-z0-9]{12}$/)
      expect(template).toMatchObject({ builtIn: false, name: { fi: 'Meidän Disney', en: 'Meidän Disney' } })
      expect(template.zones.map((zone) => zone.title.fi)).toContain('Unelmoijat')
      expect(template.phases.at(-1)).toMatchObject({ id: 'park', openZones: ['parking'] })
      expect(template.phases.find((phase) => phase.id === 'critic')?.loopTo).toBe('dreamer')

      const listed = (await (await api('/api/templates')).json()) as TemplateList
      expect(listed.items.at(TEMPLATES.length)?.id).toBe(template.id)

      const fromCustom = await createBoard(template.id)
      const client = await open(fromCustom)
      expect(readMeta(client.doc).template).toBe(template.id)
      expect(listZones(client.doc).map((zone) => zone.title)).toContain('Parkkipaikka')
      expect(readPhases(client.doc).map((phase) => phase.id)).toEqual([
        'frame',
        'dreamer',
        'realist',
        'critic',
        'converge',
        'park',
      ])
      expect(readSession(client.doc).phase).toBe('frame')

      // Only the facilitator of the board it came from may delete it.
      expect(
        (await api(`/api/templates/${template.id}`, { method: 'DELETE', token: board.tokens.participant })).status,
      ).toBe(403)
      expect(
        (await api(`/api/templates/${template.id}`, { method: 'DELETE', token: fromCustom.tokens.facilitator })).status,
      ).toBe(403)
      expect(
        (await api(`/api/templates/${template.id}`, { method: 'DELETE', token: board.tokens.facilitator })).status,
      ).toBe(204)
      expect((await api(`/api/templates/${template.id}`)).status).toBe(404)
      expect((await api('/api/boards', { method: 'POST', json: { title: 'x', template: template.id } })).status).toBe(
        400,
      )
    })

    it('only a facilitator token of that board may save it', async () => {
      const board = await createBoard('swot')
      const other = await createBoard('swot')
      const body = { boardId: board.id, name: { en: 'Mine' } }
      expect((await api('/api/templates', { method: 'POST', json: body })).status).toBe(401)
      expect(
        (await api('/api/templates', { method: 'POST', json: body, token: board.tokens.participant })).status,
      ).toBe(403)
      expect(
        (await api('/api/templates', { method: 'POST', json: body, token: other.tokens.facilitator })).status,
      ).toBe(403)
    })

    it('validates the body: lengths, an empty name object, and unknown fields that would inject a layout', async () => {
      const board = await createBoard('retro')
      const post = (json: unknown) => api('/api/templates', { method: 'POST', json, token: board.tokens.facilitator })
      const cases: Array<[unknown, RegExp]> = [
        [{ boardId: board.id, name: { fi: 'x'.repeat(81) } }, /name\/fi/],
        [{ boardId: board.id, name: {} }, /name/],
        [{ boardId: board.id, name: { fi: 'ok' }, description: { en: 'y'.repeat(501) } }, /description\/en/],
        [{ name: { fi: 'ok' } }, /boardId/],
      ]
      for (const [json, message] of cases) {
        const response = await post(json)
        expect(response.status, JSON.stringify(json).slice(0, 80)).toBe(400)
        expect(((await response.json()) as { message: string }).message).toMatch(message)
      }
      // Unknown properties are refused: the layout always comes from the board itself.
      const injected = await post({ boardId: board.id, name: { fi: 'ok' }, zones: [] })
      expect(injected.status).toBe(400)
      expect(((await injected.json()) as { message: string }).message).toMatch(/zones/)
    })

    it('GET /api/templates/:id serves built-in and custom templates, 404 otherwise', async () => {
      expect(((await (await api('/api/templates/six-hats')).json()) as TemplateBody).builtIn).toBe(true)
      expect((await api('/api/templates/c-doesnotexist')).status).toBe(404)
      expect((await api('/api/templates/BAD')).status).toBe(400)
    })
  })
})
