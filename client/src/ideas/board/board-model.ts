import { IDEA_EVENT, RESYNC_EVENT } from '@shared/api/idea-events.ts'
import type { IdeaList, IdeaSummary } from '@shared/api/ideas.ts'
import { IDEA_PAGE_MAX } from '@shared/ideas/limits.ts'
import { IDEA_STATUSES, type IdeaStatus } from '@shared/ideas/workflow.ts'
import { Store } from '../../lib/store.ts'
import type { IdeaListModel } from '../list-model.ts'
import { listStateToApiQuery } from '../list-query.ts'

export interface BoardColumnData {
  items: IdeaSummary[]
  /** Ideas in the status (the column shows at most IDEA_PAGE_MAX). */
  total: number
}

export type BoardData =
  | { kind: 'loading' }
  | { kind: 'loaded'; columns: ReadonlyMap<IdeaStatus, BoardColumnData> }
  | { kind: 'error'; message: string }

export type LiveState = 'connecting' | 'live' | 'reconnecting'

/** A reading after a burst of changes waits this long, so ten moves cost one reading. */
const RELOAD_DELAY_MS = 150

/**
 * The hub board's data, outside React: one list per status, filtered by the registry list's
 * filters (department, tag, search), read again whenever the filters change or the server's
 * event stream (GET /api/ideas/events) says an idea changed anywhere — on this page, another
 * browser, or another server process. Every (re)connection of the stream reads again too,
 * so a change made while it was away is not missed.
 */
export class HubBoardModel {
  readonly data = new Store<BoardData>({ kind: 'loading' })
  readonly live = new Store<LiveState>('connecting')
  /** The registry list's filter state and facets, shown by IdeaFilters. */
  readonly filters: IdeaListModel
  readonly #list: (query: string, signal: AbortSignal) => Promise<IdeaList>
  #request: AbortController | null = null
  #events: EventSource | null = null
  #timer: ReturnType<typeof setTimeout> | null = null
  #offFilters: (() => void) | null = null

  constructor(filters: IdeaListModel, list: (query: string, signal: AbortSignal) => Promise<IdeaList>) {
    this.filters = filters
    this.#list = list
  }

  start(): void {
    void this.filters.loadFacets()
    this.#offFilters = this.filters.state.subscribe(() => this.reloadSoon())
    void this.load()
    if (typeof EventSource === 'undefined') return
    const events = new EventSource('/api/ideas/events')
    this.#events = events
    events.addEventListener('open', () => {
      this.live.set('live')
      this.reloadSoon()
    })
    events.addEventListener('error', () => this.live.set('reconnecting'))
    events.addEventListener(IDEA_EVENT, () => {
      this.reloadSoon()
      void this.filters.loadFacets()
    })
    events.addEventListener(RESYNC_EVENT, () => this.reloadSoon())
  }

  ideaOf(ideaId: string): IdeaSummary | null {
    const data = this.data.get()
    if (data.kind !== 'loaded') return null
    for (const column of data.columns.values()) {
      const found = column.items.find((idea) => idea.id === ideaId)
      if (found) return found
    }
    return null
  }

  reloadSoon(): void {
    if (this.#timer !== null) clearTimeout(this.#timer)
    this.#timer = setTimeout(() => {
      this.#timer = null
      void this.load()
    }, RELOAD_DELAY_MS)
  }

  async load(): Promise<void> {
    this.#request?.abort()
    const request = new AbortController()
    this.#request = request
    const state = this.filters.state.get()
    try {
      const lists = await Promise.all(
        IDEA_STATUSES.map((status) =>
          this.#list(
            listStateToApiQuery(
              { ...state, statuses: [status], page: 1, sort: state.q.trim() ? null : 'changed' },
              IDEA_PAGE_MAX,
            ),
            request.signal,
          ),
        ),
      )
      if (request.signal.aborted) return
      const columns = new Map<IdeaStatus, BoardColumnData>()
      IDEA_STATUSES.forEach((status, index) =>
        columns.set(status, { items: lists[index]!.items, total: lists[index]!.total }),
      )
      this.data.set({ kind: 'loaded', columns })
    } catch (error) {
      if (request.signal.aborted) return
      // A board already shown stays; the next event or filter change reads again.
      if (this.data.get().kind !== 'loaded')
        this.data.set({ kind: 'error', message: error instanceof Error ? error.message : String(error) })
    } finally {
      if (this.#request === request) this.#request = null
    }
  }

  destroy(): void {
    this.#request?.abort()
    this.#events?.close()
    this.#offFilters?.()
    if (this.#timer !== null) clearTimeout(this.#timer)
    this.filters.destroy()
  }
}
