import type { Role } from '@shared/roles.ts'
import type { IdeaErasureCounts } from '../admin/name-erasure.ts'

/**
 * The data lifecycle of boards as storage sees it: which share tokens are still good, the
 * single-use WebSocket tickets, deletion and the admin audit log. One interface, an
 * implementation per backend (sqlite/lifecycle-store.ts, postgres/lifecycle-store.ts).
 */

/** What decides whether a board's share token is still good. */
export interface BoardAccess {
  /** Participant and viewer tokens of another generation are refused (rotation). */
  linksGeneration: number
  facilitatorGeneration: number
  /** When the participant and viewer links stop working (ms), or null: never. */
  linksExpireAt: number | null
}

export interface LinkRotation {
  /** Rotate the facilitator token too. */
  facilitator: boolean
  /** The new links' expiry (ms), or null: never. */
  expiresAt: number | null
}

/** A board as the admin list shows it. */
export interface BoardListing {
  id: string
  title: string
  template: string
  createdAt: number
  lastActivityAt: number
  /** Snapshot plus update log, in bytes. */
  storedBytes: number
}

/** What a ticket stands for: one connection to one board with one role. */
export interface TicketGrant {
  boardId: string
  role: Role
  generation: number
}

export interface AuditRecord {
  at: number
  /** Who acted: "admin", "facilitator", "retention" (later: a signed-in user id). */
  actor: string
  action: string
  boardId: string | null
  details: Record<string, unknown>
}

export type StoredAuditEntry = AuditRecord & { seq: number }

export interface LifecycleStore {
  /** null when no such board exists. */
  getAccess(boardId: string): Promise<BoardAccess | null>
  setLinksExpiry(boardId: string, expiresAt: number | null): Promise<void>
  /** Bumps the generations in one statement; null when no such board exists. */
  rotateLinks(boardId: string, rotation: LinkRotation): Promise<BoardAccess | null>
  /** Records that the board was used at this moment (retention counts from the last use). */
  touch(boardId: string, at: number): Promise<void>
  /** Every board, most recently used first. */
  listBoards(): Promise<BoardListing[]>
  /** Boards not used since this moment. */
  boardsUnusedSince(before: number): Promise<string[]>
  /**
   * Deletes the board with its snapshot, update log, drafts and tickets in one transaction
   * and remembers when (ideas promoted from it say so). false when there was no such board.
   */
  deleteBoard(boardId: string, at: number): Promise<boolean>
  /** When each of these boards was deleted; boards not deleted are left out. */
  deletedAt(boardIds: readonly string[]): Promise<Map<string, number>>
  /** Stores a ticket by its hash; expired tickets are swept on the way. */
  createTicket(hash: string, grant: TicketGrant, expiresAt: number, now: number): Promise<void>
  /** Takes a ticket: it is gone afterwards (single use). null when unknown, used or expired. */
  consumeTicket(hash: string, now: number): Promise<TicketGrant | null>
  appendAudit(record: AuditRecord): Promise<void>
  /** Newest first. */
  listAudit(limit: number): Promise<StoredAuditEntry[]>
  /**
   * Erases the names (normalized, see name-erasure.ts) from the registry in one transaction:
   * the authors and text of ideas' promoted and linked notes, titles, descriptions and
   * experiments (a changed idea gets a new version, `at` as its change time, and a rewritten
   * entry in the search index), and the text of history entries and comments.
   */
  eraseNamesFromIdeas(names: readonly string[], at: number): Promise<IdeaErasureCounts>
}
