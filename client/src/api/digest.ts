import type { Digest, DigestHeld } from '@shared/api/digest.ts'
import { request } from './http.ts'

/** The meeting digest's API (shapes from shared/api/digest.ts). */

/** `search` is GET /api/digest's query string (since, until, lang), without "?". */
export function fetchDigest(search: string, signal?: AbortSignal): Promise<Digest> {
  return request<Digest>(`/api/digest?${search}`, { cache: 'no-store', ...(signal ? { signal } : {}) })
}

/** The hub records the digest as held on a day: the next one starts from it. */
/** `hubToken` null: as a signed-in member of the hub group (the session cookie). */
export function markDigestHeld(on: string, hubToken: string | null): Promise<DigestHeld> {
  return request<DigestHeld>('/api/digest/held', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(hubToken ? { authorization: `Bearer ${hubToken}` } : {}) },
    body: JSON.stringify({ on }),
  })
}
