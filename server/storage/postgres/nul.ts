// eslint-disable-next-line no-control-regex -- finding U+0000 is this module's purpose
const NUL = /\u0000/g
/** What PostgreSQL stores in place of U+0000. */
const NUL_REPLACEMENT = '\uFFFD'

/**
 * PostgreSQL text and JSONB cannot hold U+0000, which SQLite stores and which may arrive in a
 * note, a board title or a zone's text (clients write what they like): every string of a
 * store method's input is passed through this first, so such text is stored with U+FFFD
 * instead of failing the request. Plain data only (strings, numbers, arrays, plain objects), as the store receives.
 */
export function withoutNul<T>(value: T): T {
  if (typeof value === 'string') return (value.includes('\u0000') ? value.replace(NUL, NUL_REPLACEMENT) : value) as T
  if (Array.isArray(value)) return value.map((item: unknown) => withoutNul(item)) as T
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [withoutNul(key), withoutNul(item)])) as T
  }
  return value
}
