import type { IdeaFacets, IdeaList } from '@shared/api/ideas.ts'
import { ApiError } from '../api/http.ts'
import { Store } from '../lib/store.ts'
import { IDEA_PAGE_SIZE, listStateToApiQuery, type IdeaListState } from './list-query.ts'

export interface IdeaListApi {
  list(query: string, signal: AbortSignal): Promise<IdeaList>
  facets(signal: AbortSignal): Promise<IdeaFacets>
}

/** The list as last answered; `loading` while a newer answer is on its way (the old one stays shown). */
export type IdeaListResult =
  | { kind: 'loading' }
  | { kind: 'loaded'; list: IdeaList; loading: boolean }
  | { kind: 'error'; message: string; status: number }

/**
 * The registry list's data, outside React: the filter state, the page of ideas answering it
 * and the facets for the filters. Typing in the search box waits for a pause before asking;
 * only the answer to the latest state is shown (earlier requests are aborted).
 */
export class IdeaListModel {
  readonly state: Store<IdeaListState>
  readonly result = new Store<IdeaListResult>({ kind: 'loading' })
  readonly facets = new Store<IdeaFacets | null>(null)
  readonly #api: IdeaListApi
  readonly #pageSize: number
  readonly #searchDelayMs: number
  #request: AbortController | null = null
  #facetsRequest: AbortController | null = null
  #timer: ReturnType<typeof setTimeout> | null = null

  constructor(api: IdeaListApi, initial: IdeaListState, { pageSize = IDEA_PAGE_SIZE, searchDelayMs = 250 } = {}) {
    this.#api = api
    this.#pageSize = pageSize
    this.#searchDelayMs = searchDelayMs
    this.state = new Store(initial)
  }

  get pageSize(): number {
    return this.#pageSize
  }

  /** Loads the facets and the first answer. */
  start(): Promise<void> {
    return Promise.all([this.loadFacets(), this.load()]).then(() => undefined)
  }

  /**
   * A new state: the list is asked for at once, or after a pause when only the search text
   * changed (so each keystroke does not cost a request).
   */
  set(next: IdeaListState): void {
    const previous = this.state.get()
    this.state.set(next)
    const onlyTyping =
      previous.q !== next.q &&
      previous.page === next.page &&
      previous.sort === next.sort &&
      previous.department === next.department &&
      previous.tag === next.tag &&
      previous.statuses === next.statuses
    this.#clearTimer()
    if (onlyTyping && this.#searchDelayMs > 0) {
      this.#timer = setTimeout(() => {
        this.#timer = null
        void this.load()
      }, this.#searchDelayMs)
    } else {
      void this.load()
    }
  }

  /** Asks for the current state's page; resolves when it (or a newer request) is settled. */
  async load(): Promise<void> {
    this.#clearTimer()
    this.#request?.abort()
    const request = new AbortController()
    this.#request = request
    const current = this.result.get()
    this.result.set(current.kind === 'loaded' ? { ...current, loading: true } : { kind: 'loading' })
    try {
      const list = await this.#api.list(listStateToApiQuery(this.state.get(), this.#pageSize), request.signal)
      if (request.signal.aborted) return
      this.result.set({ kind: 'loaded', list, loading: false })
    } catch (error) {
      if (request.signal.aborted) return
      this.result.set({
        kind: 'error',
        message: messageOf(error),
        status: error instanceof ApiError ? error.status : 0,
      })
    } finally {
      if (this.#request === request) this.#request = null
    }
  }

  async loadFacets(): Promise<void> {
    this.#facetsRequest?.abort()
    const request = new AbortController()
    this.#facetsRequest = request
    try {
      const facets = await this.#api.facets(request.signal)
      if (!request.signal.aborted) this.facets.set(facets)
    } catch {
      // Without facets the filters offer only the statuses; the list itself still works.
    }
  }

  /** Stops what is on its way; start() may follow again (React's development mode does that). */
  destroy(): void {
    this.#clearTimer()
    this.#request?.abort()
    this.#facetsRequest?.abort()
  }

  #clearTimer(): void {
    if (this.#timer !== null) clearTimeout(this.#timer)
    this.#timer = null
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
