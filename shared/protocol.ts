/**
 * The wire protocol between a board client and the sync server: the standard y-websocket
 * message types and the close codes this server uses. Client and server both import this
 * module, so a code is defined exactly once.
 */

/** First varUint of every y-websocket message. */
export const MessageType = {
  Sync: 0,
  Awareness: 1,
  Auth: 2,
  QueryAwareness: 3,
} as const
export type MessageType = (typeof MessageType)[keyof typeof MessageType]

/** Second varUint of a Sync message (y-protocols/sync). */
export const SyncMessageType = {
  Step1: 0,
  Step2: 1,
  Update: 2,
} as const
export type SyncMessageType = (typeof SyncMessageType)[keyof typeof SyncMessageType]

/**
 * WebSocket close codes. The 44xx range mirrors HTTP 4xx: y-websocket clients stop
 * reconnecting on them, because reconnecting cannot help.
 */
export const CloseCode = {
  /** The server is going away (shutdown, restart); clients reconnect. */
  GoingAway: 1001,
  /** A message that cannot be decoded as y-websocket protocol. */
  Unsupported: 1003,
  /** A message larger than MAX_MESSAGE_BYTES. */
  MessageTooBig: 1009,
  /** The server failed (for example the board could not be loaded); clients retry. */
  InternalError: 1011,
  /**
   * The client stopped reading and its send buffer passed the cap, or sent too much before
   * its board loaded; it may reconnect.
   */
  TryAgainLater: 1013,
  /**
   * Token missing, malformed or badly signed, a ticket unknown, used or expired, or a link the
   * facilitator has reset (open connections of reset links are closed with it too).
   */
  Unauthorized: 4401,
  /** Token for another board, or a browser Origin that is not allowed. */
  Forbidden: 4403,
  /** No such board, or the board was deleted (open connections are closed with it). */
  NotFound: 4404,
  /** The participant or viewer link has expired (mirrors HTTP 410 Gone); a new link is needed. */
  LinkExpired: 4410,
  /**
   * The board is full (MAX_CLIENTS_PER_BOARD); a later attempt may succeed. The board client
   * keeps retrying and says "board full"; standard y-websocket 3.x clients stop (4400–4499),
   * older ones retry.
   */
  BoardFull: 4429,
} as const
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode]

/** Close reasons a client acts on beside the code. */
export const CloseReason = {
  /**
   * With 4401 (AUTH=oidc, GUEST_LINKS=false): the link is fine, but only people who have signed
   * in may use it; the web client offers to sign in rather than calling the link invalid.
   */
  SignInRequired: 'sign-in required',
  /** With 4401 (AUTH=oidc): the signed-in person signed out; not a bad link. */
  SignedOut: 'signed out',
} as const

/** Close codes after which a client should not reconnect on its own. */
export function isPermanentClose(code: number): boolean {
  return code >= 4400 && code < 4500 && code !== CloseCode.BoardFull
}

/**
 * The text of a permission-denied message (y-protocols auth): why a write was refused and,
 * when the refusal concerns particular notes or zones, which, in brackets at the end:
 * `the zone "Dreamer" is closed in this phase [note:abc123 note:def456]`. The rest of that
 * write was kept. Outside clients may show the text as it is; the app reads the items.
 */
export function formatDenial(reason: string, items: readonly string[] = []): string {
  return items.length === 0 ? reason : `${reason} [${items.join(' ')}]`
}

export function parseDenial(text: string): { reason: string; items: string[] } {
  const match = /^(.*) \[((?:(?:note|zone):[A-Za-z0-9_-]+ ?)+)\]$/s.exec(text)
  if (!match) return { reason: text, items: [] }
  return { reason: match[1] ?? text, items: (match[2] ?? '').trim().split(' ') }
}
