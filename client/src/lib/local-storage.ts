/**
 * localStorage that never throws: private modes and full quotas refuse writes, and a value
 * written by an older version may not parse. Callers get the fallback and go on.
 */
export function readJson<T>(key: string, isValid: (value: unknown) => value is T, fallback: T): T {
  try {
    const raw = globalThis.localStorage?.getItem(key)
    if (raw === null || raw === undefined) return fallback
    const parsed: unknown = JSON.parse(raw)
    return isValid(parsed) ? parsed : fallback
  } catch {
    return fallback // unreadable storage or bad JSON: behave as if nothing was stored
  }
}

export function writeJson(key: string, value: unknown): void {
  try {
    globalThis.localStorage?.setItem(key, JSON.stringify(value))
  } catch {
    // Storage refused (quota, private mode): the value lives for this page only.
  }
}
