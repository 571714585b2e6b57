import { Type, type Static } from '@sinclair/typebox'
import { AUTHOR_NAME_MAX_CHARS } from '../board/schema.ts'

/** One board as the admin page lists it. */
export const AdminBoard = Type.Object({
  id: Type.String(),
  title: Type.String(),
  template: Type.String(),
  /** Who created it, when known (with sign-in); null with share links only. */
  owner: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.Number(),
  /** When somebody last opened or left it (ms). */
  lastActivityAt: Type.Number(),
  /** Snapshot plus update log, in bytes. */
  storedBytes: Type.Integer(),
  notes: Type.Integer(),
})
export type AdminBoard = Static<typeof AdminBoard>

export const AdminBoardList = Type.Object({ items: Type.Array(AdminBoard) })
export type AdminBoardList = Static<typeof AdminBoardList>

/** An admin action kept in the audit log. */
export const AuditEntry = Type.Object({
  seq: Type.Integer(),
  at: Type.Number(),
  /** "admin", "facilitator", "owner" (the signed-in person who created the board) or "retention". */
  actor: Type.String(),
  /** "board-deleted", "links-rotated" or "erasure". */
  action: Type.String(),
  boardId: Type.Union([Type.String(), Type.Null()]),
  details: Type.Record(Type.String(), Type.Unknown()),
})
export type AuditEntry = Static<typeof AuditEntry>

export const AuditList = Type.Object({ items: Type.Array(AuditEntry) })
export type AuditList = Static<typeof AuditList>

export const AuditQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })) },
  { additionalProperties: false },
)
export type AuditQuery = Static<typeof AuditQuery>

/** POST /api/admin/erasure: whose name to erase, by the name they wrote under or by their id. */
export const ErasureBody = Type.Union([
  Type.Object(
    { name: Type.String({ minLength: 1, maxLength: AUTHOR_NAME_MAX_CHARS, pattern: '\\S' }) },
    { additionalProperties: false },
  ),
  Type.Object({ userId: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
])
export type ErasureBody = Static<typeof ErasureBody>

export const ErasureResult = Type.Object({
  /**
   * What was changed, by kind: notes, draftNotes, ideas, searchEntries, historyEntries, comments
   * (and any place added later).
   */
  counts: Type.Record(Type.String(), Type.Integer()),
})
export type ErasureResult = Static<typeof ErasureResult>
