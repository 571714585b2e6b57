/** Longest returnTo kept; longer ones fall back to the start page. */
const RETURN_TO_MAX_CHARS = 2000

/**
 * Where to send a person after sign-in: only a path on this site. Anything else — another
 * origin, a protocol-relative `//host`, a backslash that browsers read as a slash, control
 * characters — falls back to the start page, so the sign-in cannot be used as an open redirect.
 */
export function safeReturnTo(value: string | undefined): string {
  if (!value || value.length > RETURN_TO_MAX_CHARS) return '/'
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/'
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return '/'
  try {
    const base = 'http://kokeileva.invalid'
    const url = new URL(value, base)
    if (url.origin !== base) return '/'
    return `${url.pathname}${url.search}${url.hash}`
  } catch {
    // Not a URL at all: the start page.
    return '/'
  }
}
