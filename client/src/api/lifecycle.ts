import type { AdminBoardList, AuditList } from '@shared/api/admin.ts'
import type { RotatedLinks } from '@shared/api/lifecycle.ts'
import { request } from './http.ts'

const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

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

/** Deletes a board (its facilitator's token, or the administrator's). */
export async function deleteBoard(boardId: string, token: string): Promise<void> {
  await request<null>(`/api/boards/${encodeURIComponent(boardId)}`, { method: 'DELETE', headers: bearer(token) })
}

export function listAdminBoards(adminToken: string): Promise<AdminBoardList> {
  return request<AdminBoardList>('/api/admin/boards', { headers: bearer(adminToken), cache: 'no-store' })
}

export function listAudit(adminToken: string): Promise<AuditList> {
  return request<AuditList>('/api/admin/audit', { headers: bearer(adminToken), cache: 'no-store' })
}
