import type { IdeaDetail, IdeaFacets, IdeaList, IdeaPatchBody, PromoteBody, SimilarIdeas } from '@shared/api/ideas.ts'
import { ApiError, request } from './http.ts'

/** The idea registry's HTTP API (shapes from shared/api/ideas.ts), as the client calls it. */

const json = (body: unknown, token?: string | null): RequestInit => ({
  headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  body: JSON.stringify(body),
})

/** `search` is a query string built by ideas/list-query.ts (without the leading "?"). */
export function listIdeas(search: string, signal?: AbortSignal): Promise<IdeaList> {
  return request<IdeaList>(`/api/ideas${search ? `?${search}` : ''}`, signal ? { signal } : {})
}

export function ideaFacets(signal?: AbortSignal): Promise<IdeaFacets> {
  return request<IdeaFacets>('/api/ideas/facets', signal ? { signal } : {})
}

export function similarIdeas(text: string, limit: number, signal?: AbortSignal): Promise<SimilarIdeas> {
  const query = new URLSearchParams({ text, limit: String(limit) })
  return request<SimilarIdeas>(`/api/ideas/similar?${query}`, signal ? { signal } : {})
}

export function getIdea(idOrRef: string, signal?: AbortSignal): Promise<IdeaDetail> {
  return request<IdeaDetail>(`/api/ideas/${encodeURIComponent(idOrRef)}`, signal ? { signal } : {})
}

/** The hub's change of an idea (Authorization: Bearer HUB_TOKEN). */
/** A hub's change: with the hub token, or (token null) as a signed-in member of the hub group. */
export function patchIdea(idOrRef: string, body: IdeaPatchBody, hubToken: string | null): Promise<IdeaDetail> {
  return request<IdeaDetail>(`/api/ideas/${encodeURIComponent(idOrRef)}`, { method: 'PATCH', ...json(body, hubToken) })
}

export interface Promoted {
  idea: IdeaDetail
  /** 201: a new idea; 200: the notes' existing idea, or the idea they were linked to. */
  created: boolean
}

/** A facilitator's promotion of notes (or their link to an existing idea with `linkTo`). */
export async function promoteNotes(boardId: string, boardToken: string, body: PromoteBody): Promise<Promoted> {
  let response: Response
  try {
    response = await fetch(`/api/boards/${encodeURIComponent(boardId)}/promote`, {
      method: 'POST',
      headers: {
        accept: 'application/json',
        'content-type': 'application/json',
        authorization: `Bearer ${boardToken}`,
      },
      body: JSON.stringify(body),
    })
  } catch (error) {
    throw new ApiError(0, 'network', error instanceof Error ? error.message : 'network error')
  }
  const answer: unknown = await response.json().catch(() => null)
  if (!response.ok) {
    const error = (answer ?? {}) as { error?: string; message?: string }
    throw new ApiError(response.status, error.error ?? 'unknown', error.message ?? response.statusText)
  }
  return { idea: answer as IdeaDetail, created: response.status === 201 }
}

export type HubTokenCheck = 'valid' | 'invalid' | 'unreachable'

/** Whether the server accepts a hub token (GET /api/hub/check: 204, or 401/403). */
export async function checkHubToken(token: string): Promise<HubTokenCheck> {
  let response: Response
  try {
    response = await fetch('/api/hub/check', { headers: { authorization: `Bearer ${token}` } })
  } catch {
    return 'unreachable' // the network failed; the token may well be right
  }
  if (response.status === 204) return 'valid'
  if (response.status === 401 || response.status === 403) return 'invalid'
  return 'unreachable'
}
