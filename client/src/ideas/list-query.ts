import { IDEA_SORTS, type IdeaSort } from '@shared/ideas/fields.ts'
import { IDEA_STATUSES, isIdeaStatus, type IdeaStatus } from '@shared/ideas/workflow.ts'

/**
 * What the registry list shows (filters, search, sort, page), and its two spellings: the
 * page's address (/ideas?status=new,screening&q=…&page=2, so a filtered list can be shared
 * and survives back/forward) and the API's query.
 */
export interface IdeaListState {
  /** Empty: every status. Kept in the workflow's order. */
  statuses: readonly IdeaStatus[]
  q: string
  department: string | null
  tag: string | null
  /** null: the server's default (best match when searching, else newest). */
  sort: IdeaSort | null
  /** 1-based. */
  page: number
}

export const IDEA_PAGE_SIZE = 20

export const EMPTY_LIST_STATE: IdeaListState = { statuses: [], q: '', department: null, tag: null, sort: null, page: 1 }

function isSort(value: string | null): value is IdeaSort {
  return value !== null && (IDEA_SORTS as readonly string[]).includes(value)
}

/** Reads the page's query string; anything unknown or malformed is ignored, not an error. */
export function parseListState(search: string): IdeaListState {
  const params = new URLSearchParams(search)
  const wanted = new Set((params.get('status') ?? '').split(',').filter(isIdeaStatus))
  const page = Number(params.get('page'))
  const sort = params.get('sort')
  return {
    statuses: IDEA_STATUSES.filter((status) => wanted.has(status)),
    q: params.get('q') ?? '',
    department: params.get('department') || null,
    tag: params.get('tag') || null,
    sort: isSort(sort) ? sort : null,
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  }
}

/** The page's query string (without "?"); defaults are left out. */
export function listStateToSearch(state: IdeaListState): string {
  const params = new URLSearchParams()
  if (state.statuses.length > 0) params.set('status', state.statuses.join(','))
  if (state.q) params.set('q', state.q)
  if (state.department) params.set('department', state.department)
  if (state.tag) params.set('tag', state.tag)
  if (state.sort) params.set('sort', state.sort)
  if (state.page > 1) params.set('page', String(state.page))
  return params.toString()
}

/** The order the list is in: "best match" only means something while searching. */
export function effectiveSort(state: Pick<IdeaListState, 'q' | 'sort'>): IdeaSort {
  const searching = state.q.trim().length > 0
  if (state.sort === null) return searching ? 'relevance' : 'newest'
  if (state.sort === 'relevance' && !searching) return 'newest'
  return state.sort
}

/** GET /api/ideas's query string (without "?"). */
export function listStateToApiQuery(state: IdeaListState, pageSize = IDEA_PAGE_SIZE): string {
  const params = new URLSearchParams()
  if (state.statuses.length > 0) params.set('status', state.statuses.join(','))
  const q = state.q.trim()
  if (q) params.set('q', q)
  if (state.department) params.set('department', state.department)
  if (state.tag) params.set('tag', state.tag)
  params.set('sort', effectiveSort(state))
  params.set('limit', String(pageSize))
  params.set('offset', String((state.page - 1) * pageSize))
  return params.toString()
}

export function pageCount(total: number, pageSize = IDEA_PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / pageSize))
}

/** Whether any filter or search narrows the list. */
export function isFiltered(state: IdeaListState): boolean {
  return state.statuses.length > 0 || state.q.trim() !== '' || state.department !== null || state.tag !== null
}

/** A change of filters, search or sort starts again from the first page. */
export function withChange(state: IdeaListState, change: Partial<Omit<IdeaListState, 'page'>>): IdeaListState {
  return { ...state, ...change, page: 1 }
}
