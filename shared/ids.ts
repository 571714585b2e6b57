/** Identifier formats shared by the API, the sync URL and the client router. */

/** Board ids are 12 URL-safe characters; the pattern accepts a little more for the future. */
export const BOARD_ID_PATTERN = '^[A-Za-z0-9_-]{6,64}$'
const boardIdRegExp = new RegExp(BOARD_ID_PATTERN)

export function isBoardId(value: string): boolean {
  return boardIdRegExp.test(value)
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'

/**
 * A random URL-safe id (64 symbols per character, 12 characters ≈ 71 bits by default).
 * The first character is a letter or digit: an id starting with "-" would be defused as a
 * formula in CSV exports, and one starting with "_" or "-" reads badly in links.
 * Uses Web Crypto's getRandomValues, which Node 20 and every browser provide, also on
 * plain-http pages where randomUUID is missing.
 */
export function newId(length = 12): string {
  const bytes = new Uint8Array(length)
  globalThis.crypto.getRandomValues(bytes)
  let id = ''
  for (const byte of bytes) id += ID_ALPHABET[id === '' ? byte % 62 : byte & 63]
  return id
}

/**
 * Participant ids are chosen in the browser (kept in localStorage) and sent as
 * `?participant=` on the sync URL; newId() produces them.
 */
export const PARTICIPANT_ID_PATTERN = '^[A-Za-z0-9_-]{1,64}$'
const participantIdRegExp = new RegExp(PARTICIPANT_ID_PATTERN)

export function isParticipantId(value: string): boolean {
  return participantIdRegExp.test(value)
}

/**
 * A draft key: the secret a browser generates once per board (kept with the board's token on
 * the device) and sends as `?draft=` on the sync URL to reach its private draft of the board
 * in silent mode. The server keys the draft by a hash of it, so only its holder reaches it.
 * At least 16 URL-safe characters (newId(24) gives about 143 bits).
 */
export const DRAFT_KEY_PATTERN = '^[A-Za-z0-9_-]{16,128}$'
const draftKeyRegExp = new RegExp(DRAFT_KEY_PATTERN)

export function isDraftKey(value: string): boolean {
  return draftKeyRegExp.test(value)
}
