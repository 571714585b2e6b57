import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BoardExportJson, RegistryExportJson } from '@shared/api/exports.ts'
import type { IdeaDetail } from '@shared/api/ideas.ts'
import type { TestClient } from '../helpers/clients.ts'
import { api, boardWithNotes, patchIdea, promote, type BoardWithNotes } from '../helpers/ideas.ts'
import { eventually } from '../helpers/poll.ts'
import { serverBackends } from '../helpers/backends.ts'
import type { TestServer } from '../helpers/server.ts'

/** The CSV of a response: it must begin with the UTF-8 byte-order mark (fetch's text() hides it). */
async function csvRows(response: Response, delimiter = ','): Promise<string[][]> {
  const bytes = new Uint8Array(await response.arrayBuffer())
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  const rows: string[][] = parse(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.slice(3)), { delimiter })
  return rows
}

const backends = await serverBackends()

for (const backend of backends)
  describe.skipIf(!backend.runs)(`exports over HTTP (${backend.name})`, () => {
    let server: TestServer
    let made: BoardWithNotes
    let idea: IdeaDetail
    const clients: TestClient[] = []

    beforeAll(async () => {
      server = await backend.start()
      made = await boardWithNotes(
        server,
        [
          {
            text: 'Päiväkotien pihat iltakäyttöön\nmyös viikonloppuisin',
            zone: 'dreamer',
            votes: 4,
            authorName: 'Öllö',
          },
          { text: '=1+2', zone: 'critic', votes: 1 },
          { text: 'Ilman aluetta', zone: null },
        ],
        'Kevään ideat!',
      )
      clients.push(made.facilitator)
      idea = (await promote(server, made.board, { noteIds: [made.noteIds[0]!] })).body
      await patchIdea(server, idea.id, { status: 'screening' })
    })
    afterAll(async () => {
      for (const client of clients) client.destroy()
      await server.close()
    })

    const boardExport = (format: string, token: string = made.board.tokens.viewer, extra = '') =>
      fetch(`${server.url}/api/boards/${made.board.id}/export?format=${format}${extra}`, {
        headers: { authorization: `Bearer ${token}` },
      })

    it('exports the board as Markdown grouped by zone, with the promoted note marked by its ref and current status', async () => {
      const response = await boardExport('md', made.board.tokens.viewer, '&lang=fi')
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe('text/markdown; charset=utf-8')
      expect(response.headers.get('content-disposition')).toMatch(
        /^attachment; filename="kokeileva-kevaan-ideat-\d{4}-\d{2}-\d{2}\.md"$/,
      )
      const md = await response.text()
      expect(md).toContain('# Kevään ideat!')
      expect(md).toContain(`- **${idea.ref}** Päiväkotien pihat iltakäyttöön  \n  myös viikonloppuisin`)
      expect(md).toContain(`idea ${idea.ref}: Seulonnassa`)
      expect(md.indexOf('## Unelmoija')).toBeLessThan(md.indexOf('## Realisti'))
      expect(md.indexOf('## Kriitikko')).toBeLessThan(md.indexOf('## Ilman aluetta'))
    })

    it('exports the board as CSV with a BOM and defused formulas, in the language of the browser', async () => {
      const response = await fetch(`${server.url}/api/boards/${made.board.id}/export?format=csv`, {
        headers: { authorization: `Bearer ${made.board.tokens.participant}`, 'accept-language': 'fi-FI,fi;q=0.9' },
      })
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
      const rows = await csvRows(response)
      expect(rows[0]).toEqual(['teksti', 'alue', 'väri', 'äänet', 'kirjoittaja', 'luotu', 'idean tunnus'])
      expect(rows[1]?.slice(0, 5)).toEqual([
        'Päiväkotien pihat iltakäyttöön\nmyös viikonloppuisin',
        'Unelmoija',
        '#fde68a',
        '4',
        'Öllö',
      ])
      expect(rows[1]?.[6]).toBe(idea.ref)
      expect(rows[2]?.[0]).toBe("'=1+2")
      expect(rows).toHaveLength(4)
      const semicolons = await boardExport('csv', made.board.tokens.viewer, '&separator=semicolon&lang=en')
      expect((await csvRows(semicolons, ';'))[0]?.[0]).toBe('text')
      const swedish = await fetch(`${server.url}/api/boards/${made.board.id}/export?format=csv&separator=semicolon`, {
        headers: { authorization: `Bearer ${made.board.tokens.participant}`, 'accept-language': 'sv-FI,sv;q=0.9' },
      })
      expect((await csvRows(swedish, ';'))[0]).toEqual([
        'text',
        'område',
        'färg',
        'röster',
        'skribent',
        'skapad',
        'idéns kod',
      ])
    })

    it('exports the board as JSON', async () => {
      const response = await boardExport('json')
      expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8')
      const body = (await response.json()) as BoardExportJson
      expect(body.board).toMatchObject({ id: made.board.id, title: 'Kevään ideat!', method: 'blank' })
      expect(body.notes).toHaveLength(3)
      expect(body.notes[0]).toMatchObject({
        id: made.noteIds[0],
        votes: 4,
        idea: { id: idea.id, ref: idea.ref, status: 'screening' },
      })
    })

    it('needs a token of that board, and a known format', async () => {
      expect((await fetch(`${server.url}/api/boards/${made.board.id}/export?format=md`)).status).toBe(401)
      const other = await server.createBoard('Muu')
      expect((await boardExport('md', other.tokens.facilitator)).status).toBe(403)
      expect((await boardExport('pdf')).status).toBe(400)
      const missing = server.app.tokens.sign('NoSuchBoard1', 'viewer')
      const response = await fetch(`${server.url}/api/boards/NoSuchBoard1/export?format=md`, {
        headers: { authorization: `Bearer ${missing}` },
      })
      expect(response.status).toBe(404)
    })

    it('exports the registry as JSON and CSV with every field, and only what changed since a moment', async () => {
      const json = await api<RegistryExportJson>(server, 'GET', '/api/ideas/export?format=json')
      expect(json.status).toBe(200)
      expect(json.body.changedSince).toBeNull()
      const stored = await api<IdeaDetail>(server, 'GET', `/api/ideas/${idea.id}`)
      const { related: _related, ...plain } = stored.body
      expect(json.body.items).toEqual([plain])

      const second = (await promote(server, made.board, { noteIds: [made.noteIds[1]!] })).body
      // A moment strictly after the first idea's last change.
      const cut = new Date(second.createdAt).toISOString()
      await eventually(async () => {
        const changed = await api<RegistryExportJson>(
          server,
          'GET',
          `/api/ideas/export?format=json&changedSince=${encodeURIComponent(cut)}`,
        )
        expect(changed.body.items.map((item) => item.ref)).toEqual([second.ref])
        expect(changed.body.changedSince).toBe(second.createdAt)
      })
      const today = new Date().toISOString().slice(0, 10)
      const csv = await fetch(`${server.url}/api/ideas/export?format=csv&lang=en&changedSince=${today}`)
      expect(csv.headers.get('content-disposition')).toContain('kokeileva-ideas-changed')
      const rows = await csvRows(csv)
      expect(rows[0]).toContain('history')
      expect(rows.slice(1).map((row) => row[0])).toEqual([idea.ref, second.ref])
      // The status column names the status in the reader's language (lang=en).
      expect(rows[1]?.[rows[0]!.indexOf('status')]).toBe('Screening')
      expect(rows[1]?.[rows[0]!.indexOf('history')]).toMatch(/created\n.*innovation hub: status: new → screening$/)
      expect(rows[2]?.[rows[0]!.indexOf('title')]).toBe("'=1+2")
    })

    it('refuses a "changed since" that is not a date or a zoned time', async () => {
      for (const bad of ['yesterday', '2026-13-01', '2026-02-30', '2026-03-01T10:00']) {
        const response = await api<{ message: string }>(
          server,
          'GET',
          `/api/ideas/export?format=csv&changedSince=${encodeURIComponent(bad)}`,
        )
        expect(response.status, bad).toBe(400)
        expect(response.body.message).toContain('changedSince')
      }
    })
  })
