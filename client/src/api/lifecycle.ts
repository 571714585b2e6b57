import type { AdminBoardList, AuditList } from '@shared/api/admin.ts'
import type { RotatedLinks } from '@shared/api/lifecycle.ts'
import { request } from './http.ts'

/** A token as `Authorization: Bearer`; none (null) when a signed-in person's session stands for it. */
const bearer = (token: string | null): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {})

/**
 * Resets the board's participant and viewer links, with `facilitator` the facilitator's link
 * too (called with the facilitator's token).
 */
export function rotateLinks(boardId: string, token: string, { facilitator = false } = {}): Promise<RotatedLinks> {
  return request<RotatedLinks>(`/api/boards/${encodeURIComponent(boardId)}/links/rotate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...bearer(token) },
    body: JSON.stringify(facilitator ? { facilitator: true } : {}),
    cache: 'no-store',
  })
}

/** Deletes a board (its facilitator's token, the administrator's, or null: a signed-in admin's session). */
export async function deleteBoard(boardId: string, token: string | null): Promise<void> {
  await request<null>(`/api/boards/${encodeURIComponent(boardId)}`, { method: 'DELETE', headers: bearer(token) })
}

/** Deletes a board I created (signed in, AUTH=oidc): the session cookie is the credential. */
export async function deleteMyBoard(boardId: string): Promise<void> {
  await request<null>(`/api/boards/${encodeURIComponent(boardId)}`, { method: 'DELETE', cache: 'no-store' })
}

export function listAdminBoards(adminToken: string | null): Promise<AdminBoardList> {
  return request<AdminBoardList>('/api/admin/boards', { headers: bearer(adminToken), cache: 'no-store' })
}

export function listAudit(adminToken: string | null): Promise<AuditList> {
  return request<AuditList>('/api/admin/audit', { headers: bearer(adminToken), cache: 'no-store' })
}
