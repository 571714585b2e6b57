import type { BoardCreated, BoardLinks, CreateBoardBody } from '@shared/api/boards.ts'
import type { ErrorBody } from '@shared/api/errors.ts'
import type { SaveTemplateBody, TemplateBody, TemplateList } from '@shared/api/templates.ts'
import type { ServerTimeBody } from '@shared/api/time.ts'
import type { Locale } from '@shared/templates/types.ts'

/** An API error with the server's code and message, or a network failure (status 0). */
export class ApiError extends Error {
  override name = 'ApiError'
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

/** One JSON request; a non-2xx answer becomes an ApiError with the server's code and message. */
export async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  let response: Response
  try {
    response = await fetch(path, { ...init, headers: { accept: 'application/json', ...init.headers } })
  } catch (error) {
    throw new ApiError(0, 'network', error instanceof Error ? error.message : 'network error')
  }
  const body: unknown = await response.json().catch(() => null)
  if (!response.ok) {
    const error = body as Partial<ErrorBody> | null
    // With sign-in (AUTH=oidc), what needs an account sends the browser to sign in.
    if (error?.error === 'sign_in_required' && typeof window !== 'undefined') {
      const here = `${window.location.pathname}${window.location.search}`
      window.location.assign(`/auth/login?returnTo=${encodeURIComponent(here)}`)
    }
    throw new ApiError(response.status, error?.error ?? 'unknown', error?.message ?? response.statusText)
  }
  return body as T
}

/**
 * Creates a board. The server writes the template's zones and phases in the language the
 * request accepts: the UI language chosen on the start page, not the browser's default.
 */
export function createBoard(body: CreateBoardBody, locale?: Locale): Promise<BoardCreated> {
  return request<BoardCreated>('/api/boards', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(locale ? { 'accept-language': locale } : {}) },
    body: JSON.stringify(body),
  })
}

/** The share links this board token may hand out (its role and every lesser one). */
export function fetchBoardLinks(boardId: string, token: string): Promise<BoardLinks> {
  return request<BoardLinks>(`/api/boards/${encodeURIComponent(boardId)}/links`, {
    headers: { authorization: `Bearer ${token}` },
    cache: 'no-store',
  })
}

export function listTemplates(): Promise<TemplateList> {
  return request<TemplateList>('/api/templates')
}

/** Saves a board's zones and phases as a custom template (the board's facilitator token). */
export function saveTemplate(body: SaveTemplateBody, facilitatorToken: string): Promise<TemplateBody> {
  return request<TemplateBody>('/api/templates', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${facilitatorToken}` },
    body: JSON.stringify(body),
  })
}

/** The server's clock (GET /api/time), for the session timer. */
export async function fetchServerNow(): Promise<number> {
  const body = await request<ServerTimeBody>('/api/time', { cache: 'no-store' })
  if (typeof body.now !== 'number' || !Number.isFinite(body.now))
    throw new ApiError(200, 'bad-time', 'GET /api/time gave no time')
  return body.now
}

/** The WebSocket base URL of the sync endpoint on the page's own origin. */
export function syncUrlFor(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/sync`
}
