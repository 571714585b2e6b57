import type { BoardCreated, CreateBoardBody } from '../../../shared/api/boards.ts'
import type { ErrorBody } from '../../../shared/api/errors.ts'
import type { TemplateList } from '../../../shared/api/templates.ts'

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
    throw new ApiError(response.status, error?.error ?? 'unknown', error?.message ?? response.statusText)
  }
  return body as T
}

export function createBoard(body: CreateBoardBody): Promise<BoardCreated> {
  return request<BoardCreated>('/api/boards', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
}

export function listTemplates(): Promise<TemplateList> {
  return request<TemplateList>('/api/templates')
}

/** The WebSocket base URL of the sync endpoint on the page's own origin. */
export function syncUrlFor(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/sync`
}
