import type { IdeaDetail, IdeaPatchBody } from '@shared/api/ideas.ts'
import { ApiError } from '../api/http.ts'
import { Store } from '../lib/store.ts'
import { messageOf } from './list-model.ts'

export interface IdeaApi {
  get(idOrRef: string, signal: AbortSignal): Promise<IdeaDetail>
  patch(idOrRef: string, body: IdeaPatchBody, hubToken: string | null): Promise<IdeaDetail>
}

export type IdeaLoad =
  | { kind: 'loading' }
  | { kind: 'loaded'; idea: IdeaDetail }
  | { kind: 'missing'; message: string }
  | { kind: 'error'; message: string; status: number }

export type PatchOutcome =
  | { ok: true; idea: IdeaDetail }
  | {
      ok: false
      status: number
      /** The server's message (409 illegal move, 400 missing comment …). */
      message: string
      /** 401/403: the stored hub token was not accepted. */
      tokenRejected: boolean
    }

/**
 * One idea's page data, outside React: the idea as last read, and the hub's changes to it.
 * A change answers with the whole idea, which replaces the shown one; a conflict (someone
 * else changed it first, a move the workflow no longer allows) re-reads it.
 */
export class IdeaModel {
  readonly state = new Store<IdeaLoad>({ kind: 'loading' })
  readonly #api: IdeaApi
  readonly #idOrRef: string
  #request: AbortController | null = null

  constructor(api: IdeaApi, idOrRef: string) {
    this.#api = api
    this.#idOrRef = idOrRef
  }

  async load(): Promise<void> {
    this.#request?.abort()
    const request = new AbortController()
    this.#request = request
    if (this.state.get().kind !== 'loaded') this.state.set({ kind: 'loading' })
    try {
      const idea = await this.#api.get(this.#idOrRef, request.signal)
      if (!request.signal.aborted) this.state.set({ kind: 'loaded', idea })
    } catch (error) {
      if (request.signal.aborted) return
      const status = error instanceof ApiError ? error.status : 0
      this.state.set(
        status === 404 || status === 400
          ? { kind: 'missing', message: messageOf(error) }
          : { kind: 'error', message: messageOf(error), status },
      )
    }
  }

  /** `hubToken` null: the hub's change as a signed-in member of its group (the session cookie). */
  async patch(body: IdeaPatchBody, hubToken: string | null): Promise<PatchOutcome> {
    const current = this.state.get()
    const target = current.kind === 'loaded' ? current.idea.id : this.#idOrRef
    try {
      const idea = await this.#api.patch(target, body, hubToken)
      this.state.set({ kind: 'loaded', idea })
      return { ok: true, idea }
    } catch (error) {
      const status = error instanceof ApiError ? error.status : 0
      if (status === 409) void this.load()
      return {
        ok: false,
        status,
        message: messageOf(error),
        tokenRejected: hubToken !== null && (status === 401 || status === 403),
      }
    }
  }

  /** Stops a read on its way; load() may follow again. */
  destroy(): void {
    this.#request?.abort()
  }
}
