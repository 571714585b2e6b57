import { describe, expect, it } from 'vitest'
import type { HistoryEntry, IdeaDetail } from '@shared/api/ideas.ts'
import { STATUS_MOVES, IDEA_STATUSES } from '@shared/ideas/workflow.ts'
import { fileNameFromDisposition } from '../../../client/src/api/download.ts'
import { boardFocusLink, focusIdsFrom } from '../../../client/src/board/focus-link.ts'
import {
  boardExportPath,
  defaultSeparator,
  localMidnightIso,
  registryExportPath,
} from '../../../client/src/exports/export-paths.ts'
import { experimentFieldOf, relatedRefs, statusMoveOf, timelineOf } from '../../../client/src/ideas/history.ts'
import {
  canMerge,
  experimentBody,
  experimentFormOf,
  fieldsBody,
  fieldsFormOf,
  mergeBody,
  parseTags,
  statusMoveBody,
  statusMoveOptions,
} from '../../../client/src/ideas/hub-forms.ts'
import {
  EMPTY_LIST_STATE,
  effectiveSort,
  listStateToApiQuery,
  listStateToSearch,
  pageCount,
  parseListState,
  withChange,
} from '../../../client/src/ideas/list-query.ts'

describe('registry list state', () => {
  it('round-trips through the address and leaves defaults out', () => {
    const state = {
      statuses: ['new', 'screening'] as const,
      q: 'päiväkoti & koulu',
      department: 'Sivistys',
      tag: 'lapset',
      sort: 'votes' as const,
      page: 3,
    }
    const search = listStateToSearch(state)
    expect(parseListState(`?${search}`)).toEqual(state)
    expect(listStateToSearch(EMPTY_LIST_STATE)).toBe('')
  })

  it('ignores what it does not know instead of failing', () => {
    expect(parseListState('?status=new,bogus,merged&sort=loudest&page=-2&department=')).toEqual({
      ...EMPTY_LIST_STATE,
      statuses: ['new', 'merged'],
    })
    // Statuses come back in the workflow's order, however the address lists them.
    expect(parseListState('?status=rejected,new').statuses).toEqual(['new', 'rejected'])
  })

  it('asks the API for the right page, in the right order', () => {
    const query = new URLSearchParams(listStateToApiQuery({ ...EMPTY_LIST_STATE, q: '  kirjasto ', page: 2 }, 20))
    expect(Object.fromEntries(query)).toEqual({ q: 'kirjasto', sort: 'relevance', limit: '20', offset: '20' })
    expect(new URLSearchParams(listStateToApiQuery(EMPTY_LIST_STATE)).get('sort')).toBe('newest')
    // "Best match" without a search means nothing: newest instead.
    expect(effectiveSort({ q: '', sort: 'relevance' })).toBe('newest')
    expect(effectiveSort({ q: 'x', sort: 'changed' })).toBe('changed')
  })

  it('starts from the first page when a filter changes', () => {
    expect(withChange({ ...EMPTY_LIST_STATE, page: 4 }, { tag: 'liikenne' })).toMatchObject({
      tag: 'liikenne',
      page: 1,
    })
    expect(pageCount(0)).toBe(1)
    expect(pageCount(41, 20)).toBe(3)
  })
})

describe("the hub's forms", () => {
  it('offers exactly the moves the workflow draws (merging apart), with the comment rule', () => {
    for (const status of IDEA_STATUSES) {
      const offered = statusMoveOptions(status).map((option) => option.to)
      expect(offered).toEqual(STATUS_MOVES[status].filter((to) => to !== 'merged'))
    }
    expect(statusMoveOptions('new')).toEqual([
      { to: 'screening', needsComment: false },
      { to: 'parked', needsComment: true },
      { to: 'rejected', needsComment: true },
    ])
    expect(statusMoveOptions('experimenting').find((option) => option.to === 'stopped')?.needsComment).toBe(true)
    expect(canMerge('parked')).toBe(true)
    expect(canMerge('adopted')).toBe(false)
  })

  it('asks for a comment where the workflow does', () => {
    expect(statusMoveBody({ to: 'rejected', needsComment: true }, '  ')).toEqual({ problem: 'commentRequired' })
    expect(statusMoveBody({ to: 'rejected', needsComment: true }, ' Ei resursseja ')).toEqual({
      body: { status: 'rejected', comment: 'Ei resursseja' },
    })
    expect(statusMoveBody({ to: 'screening', needsComment: false }, '')).toEqual({ body: { status: 'screening' } })
    expect(statusMoveBody(undefined, 'x')).toEqual({ problem: 'nothingChanged' })
  })

  const idea = {
    title: 'Kirjasto auki',
    description: 'Sunnuntaisin',
    department: 'Sivistys',
    tags: ['kirjasto', 'aukiolo'],
  }

  it('sends only the fields that changed', () => {
    const form = fieldsFormOf(idea)
    expect(fieldsBody(idea, form)).toEqual({ problem: 'nothingChanged' })
    // Tags in another spelling are the same tags.
    expect(fieldsBody(idea, { ...form, tags: ' Kirjasto,AUKIOLO , ' })).toEqual({ problem: 'nothingChanged' })
    expect(fieldsBody(idea, { ...form, title: '  Kirjasto   auki iltaisin ', department: '' }, 'tarkennettu')).toEqual({
      body: { title: 'Kirjasto auki iltaisin', department: null, comment: 'tarkennettu' },
    })
    expect(fieldsBody(idea, { ...form, tags: 'kirjasto, lapset' })).toEqual({ body: { tags: ['kirjasto', 'lapset'] } })
    expect(fieldsBody(idea, { ...form, title: '   ' })).toEqual({ problem: 'titleRequired' })
    expect(fieldsBody(idea, { ...form, tags: Array.from({ length: 21 }, (_, i) => `t${i}`).join(',') })).toEqual({
      problem: 'tooManyTags',
    })
    expect(fieldsBody(idea, { ...form, tags: 'x'.repeat(41) })).toEqual({ problem: 'tagTooLong' })
    expect(parseTags('Liikenne, kaupunkipyörät,, liikenne')).toEqual(['liikenne', 'kaupunkipyörät'])
  })

  it('edits the experiment field by field, a cleared date as null', () => {
    const current = {
      hypothesis: 'H',
      metric: 'M',
      owner: 'O',
      startsOn: '2026-03-01',
      endsOn: '2026-05-31',
      result: '',
      decision: '',
    }
    const form = experimentFormOf(current)
    expect(experimentBody(current, form)).toEqual({ problem: 'nothingChanged' })
    expect(experimentBody(current, { ...form, endsOn: '', result: 'Toimi' })).toEqual({
      body: { experiment: { result: 'Toimi', endsOn: null } },
    })
    expect(experimentBody(current, { ...form, endsOn: '2026-02-01' })).toEqual({ problem: 'datesOrder' })
    expect(experimentBody(null, { ...experimentFormOf(null), hypothesis: 'H' })).toEqual({
      body: { experiment: { hypothesis: 'H' } },
    })
  })

  it('merges only with a target and a reason', () => {
    expect(mergeBody(' ', 'sama')).toEqual({ problem: 'mergeTargetRequired' })
    expect(mergeBody('KT-2026-0001', '')).toEqual({ problem: 'commentRequired' })
    expect(mergeBody(' KT-2026-0001 ', ' sama idea ')).toEqual({
      body: { status: 'merged', mergedInto: 'KT-2026-0001', comment: 'sama idea' },
    })
  })
})

describe('the timeline', () => {
  const hub = { role: 'hub' as const }
  const facilitator = { role: 'facilitator' as const, boardId: 'b1', boardTitle: 'Kevät' }
  const entry = (
    at: number,
    by: HistoryEntry['by'],
    field: HistoryEntry['field'],
    from: HistoryEntry['from'],
    to: HistoryEntry['to'],
    comment: string | null = null,
  ): HistoryEntry => ({ at, by, field, from, to, comment })

  it('groups the entries of one request and keeps remarks', () => {
    const items = timelineOf([
      entry(1, facilitator, 'created', null, 'new'),
      entry(2, hub, 'status', 'new', 'screening', 'lupaava'),
      entry(2, hub, 'tags', [], ['kirjasto']),
      entry(3, hub, 'comment', null, null, 'kysytään toimialalta'),
      entry(3, facilitator, 'linked', null, ['n1', 'n2']),
    ])
    expect(
      items.map((item) => [item.at, item.by.role, item.changes.map((change) => change.field), item.comment]),
    ).toEqual([
      [1, 'facilitator', ['created'], null],
      [2, 'hub', ['status', 'tags'], 'lupaava'],
      [3, 'hub', [], 'kysytään toimialalta'],
      [3, 'facilitator', ['linked'], null],
    ])
    expect(statusMoveOf(items[0]!)).toEqual({ from: null, to: 'new' })
    expect(statusMoveOf(items[1]!)).toEqual({ from: 'new', to: 'screening' })
    expect(statusMoveOf(items[2]!)).toBeNull()
  })

  it('names experiment fields and the ideas a merge points to', () => {
    expect(experimentFieldOf('experiment.metric')).toBe('metric')
    expect(experimentFieldOf('title')).toBeNull()
    const related = {
      mergedInto: { id: 'a', ref: 'KT-2026-0001', title: 'A', status: 'new' as const },
      mergedFrom: [{ id: 'b', ref: 'KT-2026-0002', title: 'B', status: 'merged' as const }],
    } satisfies IdeaDetail['related']
    expect([...relatedRefs({ related })]).toEqual([
      ['a', { ref: 'KT-2026-0001', title: 'A' }],
      ['b', { ref: 'KT-2026-0002', title: 'B' }],
    ])
  })
})

describe('links back to the board', () => {
  it('carries note ids, odd ones escaped, and reads them back', () => {
    const ids = ['abc_DEF-12', 'with,comma', 'ä ö']
    const link = boardFocusLink('board123456', ids)
    expect(link).toBe('/b/board123456?focus=abc_DEF-12,with%2Ccomma,%C3%A4%20%C3%B6')
    expect(focusIdsFrom(new URL(link, 'http://x').search)).toEqual(ids)
    expect(boardFocusLink('board123456', [])).toBe('/b/board123456')
  })

  it('skips malformed parts and duplicates', () => {
    expect(focusIdsFrom('?x=1&focus=a,%E0%A4%A,a,,b')).toEqual(['a', 'b'])
    expect(focusIdsFrom('')).toEqual([])
  })
})

describe('downloads', () => {
  it('never put a token in the path, and offer the separator only for CSV', () => {
    expect(boardExportPath('b1', { format: 'csv', lang: 'fi', separator: 'semicolon' })).toBe(
      '/api/boards/b1/export?format=csv&lang=fi&separator=semicolon',
    )
    expect(boardExportPath('b1', { format: 'md', lang: 'en', separator: 'semicolon' })).toBe(
      '/api/boards/b1/export?format=md&lang=en',
    )
    expect(
      registryExportPath({ format: 'csv', lang: 'fi', separator: 'comma', changedSince: '2026-02-28T22:00:00.000Z' }),
    ).toBe('/api/ideas/export?format=csv&lang=fi&separator=comma&changedSince=2026-02-28T22%3A00%3A00.000Z')
    expect(defaultSeparator('fi')).toBe('semicolon')
    expect(defaultSeparator('en')).toBe('comma')
  })

  it('turns a day into its local midnight, and refuses days that do not exist', () => {
    const iso = localMidnightIso('2026-03-01')
    expect(iso).not.toBeNull()
    const local = new Date(iso as string)
    expect([local.getFullYear(), local.getMonth(), local.getDate(), local.getHours(), local.getMinutes()]).toEqual([
      2026, 2, 1, 0, 0,
    ])
    expect(localMidnightIso('2026-02-30')).toBeNull()
    expect(localMidnightIso('1.3.2026')).toBeNull()
  })

  it('reads the file name the server gives', () => {
    expect(fileNameFromDisposition('attachment; filename="kokeileva-ideas-2026-03-01.csv"')).toBe(
      'kokeileva-ideas-2026-03-01.csv',
    )
    expect(fileNameFromDisposition("attachment; filename*=UTF-8''kev%C3%A4t.md")).toBe('kevät.md')
    expect(fileNameFromDisposition('attachment')).toBeNull()
    expect(fileNameFromDisposition(null)).toBeNull()
  })
})
