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
