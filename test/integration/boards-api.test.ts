import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNote } from '@shared/board/index.ts'
import { newId } from '@shared/ids.ts'
import { connectClient } from '../helpers/clients.ts'
import { eventually } from '../helpers/poll.ts'
import { startServer, type TestServer } from '../helpers/server.ts'

describe('boards API', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer({ BOARD_CREATE_LIMIT: '100' })
  })
  afterAll(async () => {
    await server.close()
  })

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    server.app.inject({ method: 'POST', url: '/api/boards', payload: body as object, headers })

  it('creates a board with three role tokens and full share links', async () => {
    const response = await post({ title: 'Ideapaja' })
    expect(response.statusCode).toBe(201)
    const body = response.json()
    expect(body).toMatchObject({ title: 'Ideapaja', template: 'blank' })
    for (const role of ['facilitator', 'participant', 'viewer']) {
      expect(body.tokens[role]).toMatch(new RegExp(`^${body.id}\\.${role}\\.`))
      expect(body.links[role]).toBe(`${server.url}/b/${body.id}#token=${encodeURIComponent(body.tokens[role])}`)
    }
  })

  it('answers bad bodies with 400 naming the field', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ title: 'x'.repeat(201) }, /title/],
      [{ title: '' }, /title/],
      [{ title: '   ' }, /title/],
      [{}, /title/],
      [{ title: 'ok', template: 'no-such-template' }, /template/],
      [{ title: { nested: true } }, /title/],
      [{ title: 'ok', colour: 'red' }, /colour/],
    ]
    for (const [body, field] of cases) {
      const response = await post(body)
      expect(response.statusCode, JSON.stringify(body)).toBe(400)
      expect(response.json()).toMatchObject({ error: 'bad_request', message: expect.stringMatching(field) })
    }
    const notJson = await server.app.inject({
      method: 'POST',
      url: '/api/boards',
      payload: '{oops',
      headers: { 'content-type': 'application/json' },
    })
    expect(notJson.statusCode).toBe(400)
    expect(notJson.json().error).toBe('bad_request')
  })

  it('summarises a board for any of its tokens, with live counts', async () => {
    const board = await server.createBoard('Summary')
    const client = connectClient(server.syncUrl, board.id, board.tokens.participant)
    await client.synced()
    createNote(client.doc, { x: 0, y: 0, color: '#fde68a', zone: null, authorId: 'a', authorName: 'A', text: 'one' })
    await eventually(async () => {
      const response = await server.app.inject({
        url: `/api/boards/${board.id}`,
        headers: { authorization: `Bearer ${board.tokens.viewer}` },
      })
      expect(response.json()).toMatchObject({
        id: board.id,
        title: 'Summary',
        role: 'viewer',
        counts: { notes: 1, connections: 1 },
      })
    })
    client.destroy()
    const other = await server.createBoard('Other')
    const wrong = await server.app.inject({
      url: `/api/boards/${board.id}`,
      headers: { authorization: `Bearer ${other.tokens.facilitator}` },
    })
    expect(wrong.statusCode).toBe(403)
    const none = await server.app.inject({ url: `/api/boards/${board.id}` })
    expect(none.statusCode).toBe(401)
    expect(none.json()).toMatchObject({ error: 'unauthorized' })
    const missing = await server.app.inject({
      url: '/api/boards/NoSuchBoard1',
      headers: { authorization: `Bearer ${server.app.tokens.sign('NoSuchBoard1', 'viewer')}` },
    })
    expect(missing.statusCode).toBe(404)
  })

  it('gives each role the invite links at or below it, and refuses bad tokens', async () => {
    const board = await server.createBoard('Invites')
    const links = (token: string | null, id = board.id) =>
      server.app.inject({
        url: `/api/boards/${id}/links`,
        headers: token === null ? {} : { authorization: `Bearer ${token}` },
      })

    const facilitator = await links(board.tokens.facilitator)
    expect(facilitator.statusCode).toBe(200)
    expect(facilitator.headers['cache-control']).toBe('no-store')
    expect(facilitator.json()).toEqual({ id: board.id, role: 'facilitator', links: board.links })

    const participant = await links(board.tokens.participant)
    expect(participant.json()).toEqual({
      id: board.id,
      role: 'participant',
      links: { participant: board.links.participant, viewer: board.links.viewer },
    })
    const viewer = await links(board.tokens.viewer)
    expect(viewer.json()).toEqual({ id: board.id, role: 'viewer', links: { viewer: board.links.viewer } })

    const forged = `${board.id}.facilitator.${'x'.repeat(32)}`
    for (const token of [null, 'nonsense', forged]) {
      const response = await links(token)
      expect(response.statusCode, String(token)).toBe(401)
      expect(response.json()).toMatchObject({ error: 'unauthorized', message: expect.any(String) })
    }
    const other = await server.createBoard('Other')
    const wrongBoard = await links(other.tokens.facilitator)
    expect(wrongBoard.statusCode).toBe(403)
    expect(wrongBoard.json().error).toBe('forbidden')

    const missingId = newId()
    const missing = await links(server.app.tokens.sign(missingId, 'facilitator'), missingId)
    expect(missing.statusCode).toBe(404)
    expect(missing.json().error).toBe('not_found')
    expect((await links(board.tokens.viewer, 'not a board id!')).statusCode).toBe(400)
  })

  it('rate-limits board creation per address with a clear 429', async () => {
    const limited = await startServer({ BOARD_CREATE_LIMIT: '2' })
    try {
      const statuses: number[] = []
      for (let i = 0; i < 3; i++)
        statuses.push(
          (
            await fetch(`${limited.url}/api/boards`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ title: `b${i}` }),
            })
          ).status,
        )
      expect(statuses).toEqual([201, 201, 429])
    } finally {
      await limited.close()
    }
  })

  it('sends security headers and JSON 404s for unknown API routes', async () => {
    const health = await server.app.inject({ url: '/healthz' })
    expect(health.headers['x-content-type-options']).toBe('nosniff')
    expect(health.headers['content-security-policy']).toContain("default-src 'self'")
    const unknown = await server.app.inject({ url: '/api/nope' })
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json()).toMatchObject({ error: 'not_found' })
    expect((await server.app.inject({ url: '/readyz' })).json()).toMatchObject({ status: 'ok' })
  })
})
