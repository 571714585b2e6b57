import { afterEach, describe, expect, it } from 'vitest'
import type { BoardSummary } from '@shared/api/boards.ts'
import type { ImportResult } from '@shared/api/import.ts'
import { listNotes, listZones, type NoteData } from '@shared/board/index.ts'
import { connectClient, type TestClient } from '../helpers/clients.ts'
import { api } from '../helpers/ideas.ts'
import { eventually } from '../helpers/poll.ts'
import { startServer, tempDataDir, type TestServer } from '../helpers/server.ts'

const servers: TestServer[] = []
const clients: TestClient[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await Promise.allSettled(servers.splice(0).map((server) => server.close()))
})

async function server(env: Record<string, string> = {}, dataDir?: string): Promise<TestServer> {
  const started = await startServer(env, dataDir ? { dataDir } : {})
  servers.push(started)
  return started
}

interface Answer {
  status: number
  body: ImportResult & { error?: string; message?: string }
}

async function importFile(
  target: TestServer,
  boardId: string,
  token: string,
  body: string | Uint8Array<ArrayBuffer>,
  { type = 'text/plain; charset=utf-8', query = '' }: { type?: string; query?: string } = {},
): Promise<Answer> {
  const response = await fetch(`${target.url}/api/boards/${boardId}/notes/import${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': type },
    body,
  })
  return { status: response.status, body: (await response.json()) as Answer['body'] }
}

type Box = Pick<NoteData, 'x' | 'y' | 'width' | 'height'>

async function noteCount(target: TestServer, boardId: string, token: string): Promise<number> {
  const summary = await api<BoardSummary>(target, 'GET', `/api/boards/${boardId}`, { token })
  return summary.body.counts.notes
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
}

describe('importing notes', () => {
  it('puts the lines of a text file into the first open zone, without overlaps, live for connected clients', async () => {
    const srv = await server()
    const board = await srv.createBoard('Tuonti', 'disney')
    const watcher = connectClient(srv.syncUrl, board.id, board.tokens.participant)
    clients.push(watcher)
    await watcher.synced()
    // The Disney method's first phase opens only its goal zone ("focus").
    const focus = listZones(watcher.doc).find((zone) => zone.id === 'focus')
    expect(focus).toBeDefined()

    const file = 'Kirjastoon robotti\n\n  Lainat kotiin  \r\nYhteiskäyttöautot\n'
    const preview = await importFile(srv, board.id, board.tokens.facilitator, file, { query: '?dryRun=1' })
    expect(preview.status).toBe(200)
    expect(preview.body.dryRun).toBe(true)
    expect(preview.body.notes.map((note) => [note.text, note.zone, note.id])).toEqual([
      ['Kirjastoon robotti', 'focus', null],
      ['Lainat kotiin', 'focus', null],
      ['Yhteiskäyttöautot', 'focus', null],
    ])
    expect(await noteCount(srv, board.id, board.tokens.viewer)).toBe(0)

    const imported = await importFile(srv, board.id, board.tokens.facilitator, file)
    expect(imported.status).toBe(201)
    expect(imported.body.notes.map((note) => [note.x, note.y])).toEqual(
      preview.body.notes.map((note) => [note.x, note.y]),
    )
    await eventually(() => expect(listNotes(watcher.doc)).toHaveLength(3))
    const notes = listNotes(watcher.doc)
    for (const note of notes) {
      expect(note.zone).toBe('focus')
      expect(note.x).toBeGreaterThanOrEqual(focus!.x)
      expect(note.y).toBeGreaterThanOrEqual(focus!.y)
      expect(note.x + note.width).toBeLessThanOrEqual(focus!.x + focus!.width)
      expect(note.y + note.height).toBeLessThanOrEqual(focus!.y + focus!.height)
    }

    // A second import goes around the first: still no overlaps.
    await importFile(srv, board.id, board.tokens.facilitator, 'Neljäs\nViides')
    await eventually(() => expect(listNotes(watcher.doc)).toHaveLength(5))
    const all = listNotes(watcher.doc)
    for (const a of all) for (const b of all) if (a !== b) expect(overlaps(a, b)).toBe(false)
  })

  it('reads CSV with zone, colour and author columns (semicolons, quotes, line breaks), durably', async () => {
    const dataDir = tempDataDir()
    const srv = await server({}, dataDir)
    const board = await srv.createBoard('CSV', 'disney')
    const csv =
      '\uFEFFTeksti;Alue;Väri;Kirjoittaja\n' +
      '"Kaupunkipyörät; talvella"; Critic ;blue;Aino\n' +
      '"Kaksi\nriviä";realist;#FF0000;\n' +
      ';;;\n' +
      'Ilman aluetta;;;Ville\n'
    const answer = await importFile(srv, board.id, board.tokens.facilitator, csv, {
      type: 'text/csv',
      query: '?zone=dreamer',
    })
    expect(answer.status).toBe(201)
    expect(answer.body.notes.map((note) => [note.text, note.zone, note.color, note.author])).toEqual([
      ['Kaupunkipyörät; talvella', 'critic', '#bfdbfe', 'Aino'],
      ['Kaksi\nriviä', 'realist', '#ff0000', 'Import'],
      ['Ilman aluetta', 'dreamer', '#fde68a', 'Ville'],
    ])
    await srv.close()
    servers.length = 0
    const again = await server({}, dataDir)
    expect(await noteCount(again, board.id, board.tokens.viewer)).toBe(3)
  })

  it('refuses bad files with a clear 4xx and imports nothing of them', async () => {
    const srv = await server({ BOARD_MAX_NOTES: '6' })
    const board = await srv.createBoard('Virheet', 'disney')
    const token = board.tokens.facilitator
    const cases: Array<[string | Uint8Array<ArrayBuffer>, { type?: string; query?: string }, number, RegExp]> = [
      [new Uint8Array([0x4b, 0xe4, 0x79, 0x74, 0x74, 0xe4, 0x6a, 0xe4]), {}, 400, /not UTF-8/],
      ['x'.repeat(300 * 1024), {}, 413, /./],
      [Array.from({ length: 501 }, (_, index) => `Rivi ${index}`).join('\n'), {}, 400, /more than 500 notes/],
      ['otsikko;alue\nyksi;dreamer\n', { type: 'text/csv' }, 400, /no "text" column/],
      ['Yksi\nKaksi', { query: '?zone=Nowhere' }, 400, /unknown zone "Nowhere".*"Dreamer"/],
      ['text,color\nhyvä,green\nhuono,plaid\n', { type: 'text/csv' }, 400, /line 3: unknown colour "plaid"/],
      ['text,zone\nhyvä,dreamer\nhuono,Mars\n', { type: 'text/csv' }, 400, /line 3: unknown zone "Mars"/],
      ['\n \n', {}, 400, /no notes/],
      ['1\n2\n3\n4\n5\n6\n7', {}, 409, /room for 6 more notes/],
      ['{"text": "x"}', { type: 'application/json' }, 400, /text\/plain or text\/csv/],
      ['Yksi', { type: 'application/xml' }, 415, /./],
    ]
    for (const [body, options, status, message] of cases) {
      const answer = await importFile(srv, board.id, token, body, options)
      expect([answer.status, answer.body.message]).toEqual([status, expect.stringMatching(message)])
    }
    const refused = await importFile(srv, board.id, board.tokens.participant, 'Yksi')
    expect(refused.status).toBe(403)
    expect(await noteCount(srv, board.id, board.tokens.viewer)).toBe(0)
    // What fits the budget goes in.
    expect((await importFile(srv, board.id, token, '1\n2\n3\n4\n5\n6')).status).toBe(201)
  })

  it('lays a full zone out below it, and notes on a board without zones below its content', async () => {
    const srv = await server()
    const board = await srv.createBoard('Täysi', 'disney')
    const lines = Array.from({ length: 12 }, (_, index) => `Lappu ${index + 1}`).join('\n')
    // The goal zone (1580 × 260) holds one row of eight notes.
    const full = await importFile(srv, board.id, board.tokens.facilitator, lines, { query: '?zone=Goal&dryRun=1' })
    expect(full.status).toBe(200)
    expect(full.body.notes.map((note) => note.inZone)).toEqual([...Array(8).fill(true), ...Array(4).fill(false)])
    expect(full.body.notes.slice(8).every((note) => note.zone === null && note.zoneTitle === 'Goal')).toBe(true)
    const blank = await srv.createBoard('Tyhjä', 'blank')
    const free = await importFile(srv, blank.id, blank.tokens.facilitator, lines, { query: '?dryRun=1' })
    expect(free.status).toBe(200)
    for (const notes of [full.body.notes, free.body.notes])
      for (const a of notes) for (const b of notes) if (a !== b) expect(overlaps(a, b)).toBe(false)
  })
})
