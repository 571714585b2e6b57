import { isBoardId } from './ids.ts'
import { isRole, type Role } from './roles.ts'

/** Share links carry the token in the fragment, which browsers never send to the server. */
export function boardLink(publicUrl: string, boardId: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/b/${encodeURIComponent(boardId)}#token=${encodeURIComponent(token)}`
}

/** The token in a share link's fragment (`#token=…`), if any. */
export function tokenFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''))
  const token = params.get('token')
  return token && token.length > 0 ? token : null
}

/**
 * What a share token says about itself. Tokens read `<boardId>.<role>.<signature>`, and after a
 * reset of the board's links `<boardId>.<role>.<generation>.<signature>` (the server signs them
 * in server/auth/tokens.ts); a client may read the role to mirror permissions, but only the
 * server's check of the signature and generation grants anything.
 */
export function readTokenClaims(token: string): { boardId: string; role: Role } | null {
  const parts = token.split('.')
  if (parts.length !== 3 && parts.length !== 4) return null
  if (parts.length === 4 && !/^[1-9][0-9]{0,12}$/.test(parts[2]!)) return null
  const [boardId, role] = parts as [string, string, string]
  if (!isBoardId(boardId) || !isRole(role)) return null
  return { boardId, role }
}

/** The board id and token of a pasted share link (`…/b/:id#token=…`), or null. */
export function parseBoardLink(link: string): { boardId: string; token: string } | null {
  let url: URL
  try {
    url = new URL(link.trim(), 'http://link.invalid')
  } catch {
    return null // not a URL at all: the caller says so to the user
  }
  const match = /\/b\/([^/?#]+)\/?$/.exec(url.pathname)
  const token = tokenFromHash(url.hash)
  if (!match || !token) return null
  const boardId = decodeURIComponent(match[1] ?? '')
  return isBoardId(boardId) ? { boardId, token } : null
}
