/**
 * Browsers always send Origin on a WebSocket handshake; other clients (integrations, tests)
 * usually send none and are judged by their token alone.
 */
export function isOriginAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowed: ReadonlySet<string>,
): boolean {
  if (origin === undefined || origin === '') return true
  if (allowed.has(origin)) return true
  if (!host) return false
  // Same origin: the page was served by this server under the Host the socket was opened to.
  return origin === `http://${host}` || origin === `https://${host}`
}
