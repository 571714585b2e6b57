import type { MeResponse } from '@shared/api/me.ts'
import { readJson, writeJson } from '../lib/local-storage.ts'
import { Store } from '../lib/store.ts'

/**
 * The innovation hub's token, once entered on this device: kept in localStorage (like the
 * board tokens) until the user removes it, and sent only as `Authorization: Bearer` on the
 * hub's changes. Never put in a URL or a log.
 */
const KEY = 'kokeileva.hubToken'

const isTokenOrNull = (value: unknown): value is string | null =>
  value === null || (typeof value === 'string' && value.length > 0)

export const hubTokenStore = new Store<string | null>(readJson(KEY, isTokenOrNull, null))

export function saveHubToken(token: string): void {
  const trimmed = token.trim()
  if (!trimmed) return
  writeJson(KEY, trimmed)
  hubTokenStore.set(trimmed)
}

export function removeHubToken(): void {
  try {
    globalThis.localStorage?.removeItem(KEY)
  } catch {
    writeJson(KEY, null) // storage refused the removal: overwrite, so no token is left behind
  }
  hubTokenStore.set(null)
}

/** Whether the signed-in person (AUTH=oidc) may act as the innovation hub without its token. */
export function isHubMember(me: MeResponse): boolean {
  return me.user?.roles.includes('hub') ?? false
}
