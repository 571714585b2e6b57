import { parse } from 'csv-parse/sync'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import type { Idea } from '@shared/api/ideas.ts'
import { createNote, createZone, initBoardDoc, setVotes } from '@shared/board/index.ts'
import { writeNoteIdea } from '@shared/board/notes.ts'
import {
  boardExportData,
  boardToCsv,
  boardToJson,
  boardToMarkdown,
  defuseCell,
  registryToCsv,
  registryToJson,
  toCsv,
  UTF8_BOM,
} from '@shared/export/index.ts'

const EXPORTED_AT = Date.UTC(2026, 2, 1, 9, 30)

function readCsv(text: string, delimiter = ','): string[][] {
  expect(text.startsWith(UTF8_BOM)).toBe(true)
  const rows: string[][] = parse(text.slice(1), { delimiter, relax_column_count: false })
  return rows
}

/** A Disney board: three zones, notes with votes, one note outside any zone. */
function disneyBoard() {
  const doc = new Y.Doc()
  initBoardDoc(
    doc,
    { title: 'Kevään kokeilut', template: 'disney', createdAt: Date.UTC(2026, 1, 1), locale: 'fi' },
    {
      phases: [],
      zones: [],
    },
  )
  const zone = (id: string, title: string, kind: string, x: number) =>
    createZone(doc, { id, title, kind, x, y: 0, width: 400, height: 600, color: '#eee', prompt: '' })
  // Created out of order: the export orders by position.
  zone('critic', 'Kriitikko', 'critic', 900)
  zone('dreamer', 'Unelmoija', 'dreamer', 0)
  zone('realist', 'Realisti', 'realist', 450)
  const note = (text: string, zoneId: string | null, createdAt: number, authorName = 'Aino') =>
    createNote(doc, { text, x: 10, y: 10, color: '#fde68a', zone: zoneId, authorId: 'p1', authorName, createdAt })
  const quiet = note('Hiljainen idea', 'dreamer', 1000)
  const popular = note('Päiväkotien pihat iltakäyttöön\nmyös viikonloppuisin', 'dreamer', 2000, 'Öljyvä Åsa')
  const formula = note('=HYPERLINK("http://evil","klikkaa")', 'realist', 3000)
  const loose = note('-5 astetta ulkona', null, 4000)
  const critic = note('@kaikki: kuka maksaa?', 'critic', 5000)
  setVotes(doc, popular, 'p1', 2)
  setVotes(doc, popular, 'p2', 1)
  setVotes(doc, quiet, 'p3', 1)
  writeNoteIdea(doc, popular, { ideaId: 'idea000001', ideaRef: 'KT-2026-0007', ideaStatus: 'screening' })
  return { doc, ids: { quiet, popular, formula, loose, critic } }
}

describe('CSV cells', () => {
  it.each(['=1+1', '+358401234567', '-2', '@SUM(A1)', '\tindented', '\rcarriage'])('defuses %j', (value) => {
    expect(defuseCell(value)).toBe(`'${value}`)
  })

  it.each(['plain', ' =not first', 'a=b', '#fde68a', 'ääkköset', ''])('leaves %j alone', (value) => {
    expect(defuseCell(value)).toBe(value)
  })

  it('writes UTF-8 with a BOM, CRLF rows, quoted multi-line cells, and a chosen separator', () => {
    const csv = toCsv(
      ['teksti', 'äänet'],
      [
        ['Rivi 1\nrivi 2, "lainaus"', 3],
        ['=cmd', null],
      ],
      'semicolon',
    )
    expect(csv.startsWith('\uFEFF"teksti";"äänet"\r\n')).toBe(true)
    expect(readCsv(csv, ';')).toEqual([
      ['teksti', 'äänet'],
      ['Rivi 1\nrivi 2, "lainaus"', '3'],
      ["'=cmd", ''],
    ])
  })
})

describe('board export', () => {
  it('orders zones by the board, notes by votes, unzoned notes last, with the registry view of ideas', () => {
    const { doc, ids } = disneyBoard()
    const data = boardExportData(doc, {
      boardId: 'board00001',
      exportedAt: EXPORTED_AT,
      lookup: (id) => (id === 'idea000001' ? { id, ref: 'KT-2026-0007', status: 'evaluating' } : null),
    })
    expect(data.zones.map((zone) => zone.title)).toEqual(['Unelmoija', 'Realisti', 'Kriitikko'])
    expect(data.notes.map((note) => note.id)).toEqual([ids.popular, ids.quiet, ids.formula, ids.critic, ids.loose])
    expect(data.notes[0]).toMatchObject({ votes: 3, idea: { ref: 'KT-2026-0007', status: 'evaluating' } })
    expect(data.notes[1]?.idea).toBeNull()
  })

  it('falls back to the badge on the note when the registry does not know the idea', () => {
    const { doc } = disneyBoard()
    const data = boardExportData(doc, { boardId: 'board00001', exportedAt: EXPORTED_AT })
    expect(data.notes[0]?.idea).toEqual({ id: 'idea000001', ref: 'KT-2026-0007', status: 'screening' })
  })

  it('Markdown: grouped by zone, refs marked, Finnish letters and line breaks kept, markup escaped', () => {
    const { doc } = disneyBoard()
    const md = boardToMarkdown(boardExportData(doc, { boardId: 'board00001', exportedAt: EXPORTED_AT }), 'fi')
    expect(md).toContain('# Kevään kokeilut')
    expect(md).toContain('· Viety: 2026-03-01T09:30:00Z · 5 lappua')
    const sections = md
      .split('\n## ')
      .slice(1)
      .map((section) => section.split('\n')[0])
    expect(sections).toEqual(['Unelmoija', 'Realisti', 'Kriitikko', 'Ilman aluetta'])
    expect(md).toContain(
      '- **KT-2026-0007** Päiväkotien pihat iltakäyttöön  \n  myös viikonloppuisin  \n  _3 ääntä · Öljyvä Åsa · idea KT-2026-0007: Seulonnassa_',
    )
    // The popular note comes before the quiet one within its zone.
    expect(md.indexOf('Päiväkotien')).toBeLessThan(md.indexOf('Hiljainen idea'))
    // A note starting with "-" does not become a nested list; brackets do not become links.
    expect(md).toContain('- \\-5 astetta ulkona')
    expect(md).toContain('=HYPERLINK("http://evil","klikkaa")')
    expect(md).not.toMatch(/\n- \[/)
  })

  it('Markdown in English names the votes and the section without a zone', () => {
    const { doc } = disneyBoard()
    const md = boardToMarkdown(boardExportData(doc, { boardId: 'board00001', exportedAt: EXPORTED_AT }), 'en')
    expect(md).toContain('_3 votes · Öljyvä Åsa · idea KT-2026-0007: Screening_')
    expect(md).toContain('## No zone')
    expect(md).toContain('_1 vote · Aino_')
  })

  it('CSV: a row per note with text, zone, colour, votes, author, created and idea ref; formulas defused', () => {
    const { doc } = disneyBoard()
    const rows = readCsv(boardToCsv(boardExportData(doc, { boardId: 'board00001', exportedAt: EXPORTED_AT }), 'en'))
    expect(rows[0]).toEqual(['text', 'zone', 'colour', 'votes', 'author', 'created', 'idea ref'])
    expect(rows[1]).toEqual([
      'Päiväkotien pihat iltakäyttöön\nmyös viikonloppuisin',
      'Unelmoija',
      '#fde68a',
      '3',
      'Öljyvä Åsa',
      '1970-01-01T00:00:02Z',
      'KT-2026-0007',
    ])
    const texts = rows.slice(1).map((row) => row[0])
    expect(texts).toContain(`'=HYPERLINK("http://evil","klikkaa")`)
    expect(texts).toContain(`'@kaikki: kuka maksaa?`)
    expect(texts).toContain(`'-5 astetta ulkona`)
    expect(rows).toHaveLength(6)
  })

  it('CSV column names follow the language', () => {
    const { doc } = disneyBoard()
    const rows = readCsv(
      boardToCsv(boardExportData(doc, { boardId: 'b', exportedAt: EXPORTED_AT }), 'fi', 'semicolon'),
      ';',
    )
    expect(rows[0]).toEqual(['teksti', 'alue', 'väri', 'äänet', 'kirjoittaja', 'luotu', 'idean tunnus'])
  })

  it('leaves out notes nobody wrote in: no empty rows, no empty items, not counted', () => {
    const { doc } = disneyBoard()
    for (const text of ['', '   \n  '])
      createNote(doc, { text, x: 10, y: 10, color: '#fde68a', zone: 'dreamer', authorId: 'p9', authorName: 'Ben' })
    const data = boardExportData(doc, { boardId: 'board00001', exportedAt: EXPORTED_AT })
    expect(data.notes).toHaveLength(5)
    expect(data.notes.every((note) => note.text.trim() !== '')).toBe(true)
    expect(readCsv(boardToCsv(data, 'en'))).toHaveLength(6)
    const md = boardToMarkdown(data, 'en')
    expect(md).toContain('· 5 notes')
    expect(md).not.toMatch(/\n- {2}\n/)
  })

  it('JSON is the export data itself', () => {
    const { doc } = disneyBoard()
    const data = boardExportData(doc, { boardId: 'board00001', exportedAt: EXPORTED_AT })
    expect(JSON.parse(boardToJson(data))).toEqual(data)
  })
})

function idea(overrides: Partial<Idea> = {}): Idea {
  return {
    id: 'idea000001',
    ref: 'KT-2026-0001',
    title: 'Päiväkotien pihat iltakäyttöön',
    description: 'Pihat auki\nmyös illalla',
    status: 'experimenting',
    department: 'Sivistystoimiala',
    tags: ['liikunta', 'piha'],
    votes: 4,
    source: {
      boardId: 'board00001',
      boardTitle: 'Kevään kokeilut',
      method: 'disney',
      noteIds: ['n1', 'n2'],
      zones: [{ id: 'dreamer', title: 'Unelmoija', kind: 'dreamer' }],
      notes: [
        { id: 'n1', text: 'Pihat auki\nmyös illalla', zone: 'dreamer', votes: 3, authorName: 'Aino', createdAt: 1 },
        { id: 'n2', text: '+ valaistus', zone: 'dreamer', votes: 1, authorName: 'Eero', createdAt: 2 },
      ],
      promotedAt: Date.UTC(2026, 0, 5),
    },
    links: [],
    experiment: {
      hypothesis: 'Käyttö kasvaa',
      metric: '=käyttäjiä/ilta',
      owner: 'Liikuntapalvelut',
      startsOn: '2026-04-01',
      endsOn: '2026-06-30',
      result: '',
      decision: '',
    },
    mergedInto: null,
    createdAt: Date.UTC(2026, 0, 5),
    updatedAt: Date.UTC(2026, 1, 5),
    history: [
      {
        at: Date.UTC(2026, 0, 5),
        by: { role: 'facilitator', boardId: 'board00001', boardTitle: 'Kevään kokeilut' },
        field: 'created',
        from: null,
        to: 'new',
        comment: null,
      },
      {
        at: Date.UTC(2026, 1, 5),
        by: { role: 'hub' },
        field: 'status',
        from: 'evaluating',
        to: 'experimenting',
        comment: 'Kokeillaan kolmessa koulussa',
      },
    ],
    ...overrides,
  }
}

describe('registry export', () => {
  it('CSV names statuses in the reader’s language', () => {
    const fi = readCsv(registryToCsv([idea()], { locale: 'fi' }))
    const en = readCsv(registryToCsv([idea()], { locale: 'en' }))
    const column = (rows: string[][]) => rows[1]?.[(rows[0] ?? []).findIndex((name) => /^(status|tila)$/i.test(name))]
    expect(column(fi)).toBe('Kokeilussa')
    expect(column(en)).toBe('Experimenting')
  })

  it('CSV has every field, multi-line cells, merge targets by ref, and the history as lines', () => {
    const merged = idea({
      id: 'idea000002',
      ref: 'KT-2026-0002',
      status: 'merged',
      mergedInto: 'idea000001',
      experiment: null,
    })
    const rows = readCsv(
      registryToCsv([idea(), merged], {
        locale: 'en',
        refOf: (id) => (id === 'idea000001' ? 'KT-2026-0001' : undefined),
      }),
    )
    const header = rows[0] ?? []
    const row = Object.fromEntries(header.map((name, index) => [name, rows[1]?.[index]]))
    expect(row).toMatchObject({
      ref: 'KT-2026-0001',
      title: 'Päiväkotien pihat iltakäyttöön',
      description: 'Pihat auki\nmyös illalla',
      status: 'Experimenting',
      department: 'Sivistystoimiala',
      tags: 'liikunta; piha',
      votes: '4',
      board: 'Kevään kokeilut',
      method: 'disney',
      'note ids': 'n1; n2',
      zones: 'Unelmoija',
      notes: 'Pihat auki myös illalla\n+ valaistus',
      metric: "'=käyttäjiä/ilta",
      'starts on': '2026-04-01',
      created: '2026-01-05T00:00:00Z',
    })
    expect(row['history']).toBe(
      '2026-01-05T00:00:00Z facilitator (Kevään kokeilut): created\n2026-02-05T00:00:00Z innovation hub: status: evaluating → experimenting — Kokeillaan kolmessa koulussa',
    )
    const second = Object.fromEntries(header.map((name, index) => [name, rows[2]?.[index]]))
    expect(second['merged into']).toBe('KT-2026-0001')
    expect(second['hypothesis']).toBe('')
  })

  it('JSON carries the ideas as the API has them, with the filter it was made with', () => {
    const body = JSON.parse(registryToJson([idea()], EXPORTED_AT, Date.UTC(2026, 1, 1)))
    expect(body).toEqual({ exportedAt: EXPORTED_AT, changedSince: Date.UTC(2026, 1, 1), items: [idea()] })
  })
})
