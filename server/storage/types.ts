import type {
  Experiment,
  HistoryActor,
  HistoryEntry,
  Idea,
  IdeaFacets,
  IdeaSort,
  IdeaSource,
} from '@shared/api/ideas.ts'
import type { SearchTerm } from '@shared/ideas/search.ts'
import type { IdeaStatus } from '@shared/ideas/workflow.ts'
import type { BoardAccess, LifecycleStore } from './lifecycle-types.ts'

/**
 * Storage is an interface with an embedded default (SQLite) and a scaled-out alternative
 * (PostgreSQL). The sync core and the routes only see these types.
 */

export interface BoardRecord {
  id: string
  title: string
  template: string
  createdAt: number
}

/** A board document as stored: the last snapshot plus the update log appended since. */
export interface StoredBoardState {
  snapshot: Uint8Array | null
  updates: Uint8Array[]
}

export interface UpdateAppend {
  boardId: string
  update: Uint8Array
  /**
   * Set when the update belongs to a participant's private draft of the board (silent mode)
   * rather than to the board itself. Drafts and boards are appended in the same group commit.
   */
  draftId?: string | undefined
}

/** Folds a stored state into one snapshot (the Yjs merge lives with the caller). */
export type MergeBoardState = (state: StoredBoardState) => Uint8Array

/**
 * How a compaction makes the snapshot: by merging what is stored, or from the board's only
 * writer's own copy, which holds at least everything stored (`ownState`), so the log's
 * contents need not be read at all.
 */
export type BoardCompaction = MergeBoardState | { readonly ownState: () => Uint8Array }

/** Whether a compaction merges the stored state (and the store must read it) or has its own copy. */
export function needsStoredState(compaction: BoardCompaction): compaction is MergeBoardState {
  return typeof compaction === 'function'
}

/** The snapshot a compaction writes; `readStored` (the state it replaces) is called only to merge. */
export function compactedState(compaction: BoardCompaction, readStored: () => StoredBoardState): Uint8Array {
  return needsStoredState(compaction) ? compaction(readStored()) : compaction.ownState()
}

export interface BoardStore {
  /** Creates the board row and its initial snapshot in one transaction. */
  createBoard(board: BoardRecord, initialState: Uint8Array): Promise<void>
  getBoard(id: string): Promise<BoardRecord | null>
  /** null when no such board exists. */
  loadBoardState(id: string): Promise<StoredBoardState | null>
  /** Appends updates of any number of boards in one transaction (a group commit). */
  appendUpdates(batch: readonly UpdateAppend[]): Promise<void>
  /**
   * As appendUpdates, done when it returns (throws instead of rejecting), where the backend can
   * store synchronously (SQLite): the writer then commits and fans out in the same event-loop
   * turn, without a promise and a microtask hop per group commit.
   */
  appendUpdatesNow?(batch: readonly UpdateAppend[]): void
  /**
   * Folds a board's update log into its snapshot in one transaction with a single writer per
   * board. Deletes exactly the log entries it folded, so an append committed meanwhile
   * survives. Returns how many entries were folded.
   */
  compactBoard(id: string, compaction: BoardCompaction): Promise<number>

  // ---- drafts: each participant's private notes while the session is silent -------------------

  /**
   * A draft's stored state (empty when nothing was stored yet); null when the board does not
   * exist. A draft belongs to one board and is deleted with it.
   */
  loadDraftState(boardId: string, draftId: string): Promise<StoredBoardState | null>
  /** The drafts of a board that have anything stored. */
  listDrafts(boardId: string): Promise<string[]>
  /** As compactBoard, for a draft. */
  compactDraft(boardId: string, draftId: string, compaction: BoardCompaction): Promise<number>
}

/** A facilitator's own template: the definition as JSON-ready data and where it came from. */
export interface TemplateRecord {
  id: string
  /** A TemplateDefinition (validated before it is stored, and again when it is read). */
  definition: unknown
  /** The board it was saved from; that board's facilitator may delete it. */
  sourceBoardId: string
  createdAt: number
}

export interface TemplateStore {
  createTemplate(record: TemplateRecord): Promise<void>
  getTemplate(id: string): Promise<TemplateRecord | null>
  /** Every custom template, newest first. */
  listTemplates(): Promise<TemplateRecord[]>
  countTemplates(): Promise<number>
  /** false when there was no such template. */
  deleteTemplate(id: string): Promise<boolean>
}

export interface Storage {
  readonly kind: 'sqlite' | 'postgres'
  readonly boards: BoardStore
  /** The idea registry, in the same database as the boards. */
  readonly ideas: IdeaStore
  readonly templates: TemplateStore
  /** The meeting digest's memory (days held) and the boards' activity it reads. */
  readonly digests: DigestStore
  /** Outgoing webhook deliveries, written with the registry's changes. */
  readonly webhooks: WebhookOutbox
  /** Revocable links, tickets, deletion and the admin audit log. */
  readonly lifecycle: LifecycleStore
  /** Sign-in sessions and the boards each signed-in person has (AUTH=oidc). */
  readonly accounts: AccountStore
  /** Resolves when the database answers; rejects otherwise (readiness). */
  ping(): Promise<void>
  close(): Promise<void>
}

// ---- sign-in (AUTH=oidc) -------------------------------------------------------------------

/** A signed-in person as a session remembers them (from the provider's claims at sign-in). */
export interface SessionUser {
  id: string
  name: string
  email: string | null
  roles: Array<'hub' | 'admin'>
}

export interface StoredSession {
  user: SessionUser
  expiresAt: number
}

/** One board a person created or joined, with the highest role they had there. */
export interface UserBoardRecord {
  board: BoardRecord
  role: 'facilitator' | 'participant' | 'viewer'
  lastSeenAt: number
  /** The person created the board (its owner): they may delete it without its facilitator link. */
  owner: boolean
  /** The board's link generations now: the link listed must be of the current one (after a reset). */
  access: BoardAccess
}

/** Orders roles for "the highest role a person had on a board". */
export function roleRank(role: UserBoardRecord['role']): number {
  return role === 'facilitator' ? 3 : role === 'participant' ? 2 : 1
}

/**
 * Server-side sessions live in the database so that every process of a cluster knows them.
 * Sessions are keyed by a hash of the cookie's secret, never by the secret itself.
 */
export interface AccountStore {
  createSession(idHash: string, session: StoredSession, now: number): Promise<void>
  /** The session if it exists and has not expired at `now`. */
  getSession(idHash: string, now: number): Promise<StoredSession | null>
  deleteSession(idHash: string): Promise<void>
  /** Removes expired sessions; returns how many. */
  deleteExpiredSessions(now: number): Promise<number>
  /**
   * Notes that a person has a board with a role (keeps the highest role; updates the time).
   * `owner` is true only when they have just created it; once an owner, always the owner.
   */
  recordBoard(
    userId: string,
    boardId: string,
    role: UserBoardRecord['role'],
    at: number,
    owner?: boolean,
  ): Promise<void>
  /** The person's boards that still exist, most recently seen first. */
  listBoards(userId: string, limit: number): Promise<UserBoardRecord[]>
  /** Whether the person created this board. */
  ownsBoard(userId: string, boardId: string): Promise<boolean>
}

// ---- the idea registry ---------------------------------------------------------------------

/** An idea without its history, as lists and searches return it. */
export type StoredIdea = Omit<Idea, 'history'> & {
  /** Bumped by every change; updates name the version they were planned on. */
  version: number
}

/** An idea with its history, oldest entry first. */
export type StoredIdeaWithHistory = StoredIdea & { history: HistoryEntry[] }

/** A promotion as the store receives it; the store allocates the ref. */
export interface NewIdea {
  id: string
  title: string
  description: string
  votes: number
  source: IdeaSource
  createdAt: number
  /** The facilitator who promoted; the first history entry. */
  by: HistoryActor
  comment: string | null
}

/** A promoted note that already belongs to an idea. */
export interface PromotedNote {
  noteId: string
  ideaId: string
  ref: string
}

export type PromoteOutcome =
  | { kind: 'created'; idea: StoredIdeaWithHistory }
  /** Exactly these notes (as a set, on this board) were promoted before: that idea. */
  | { kind: 'existing'; idea: StoredIdeaWithHistory }
  /** Some of the notes belong to another idea already, which has other notes too. */
  | { kind: 'overlap'; notes: PromotedNote[] }

/** Notes of a board linked to an existing idea instead of promoted anew. */
export interface LinkNotes {
  /** The idea's id or ref. */
  idea: string
  /** The notes' frozen provenance, as for a promotion. */
  source: IdeaSource
  votes: number
  at: number
  by: HistoryActor
}

export type LinkOutcome =
  | { kind: 'linked'; idea: StoredIdeaWithHistory }
  /** Exactly these notes were promoted as, or linked to, this idea before. */
  | { kind: 'existing'; idea: StoredIdeaWithHistory }
  | { kind: 'overlap'; notes: PromotedNote[] }
  | { kind: 'missing' }
  /** The idea is merged into another one; link to that one. */
  | { kind: 'merged'; idea: StoredIdea }

/** A note of a board that belongs to an idea: what its badge shows. */
export interface BoardNoteIdea {
  noteId: string
  ideaId: string
  ref: string
  status: IdeaStatus
}

/** Field values an update sets; what is left out stays. */
export interface IdeaFieldChanges {
  status?: IdeaStatus
  title?: string
  description?: string
  department?: string | null
  tags?: string[]
  experiment?: Experiment | null
  mergedInto?: string | null
}

export interface IdeaUpdate {
  id: string
  /** The version the change was planned on; another version fails with StaleIdeaError. */
  expectedVersion: number
  at: number
  set: IdeaFieldChanges
  /** Appended to the idea's history. */
  history: HistoryEntry[]
  /** When merging: the target gets this entry; it must exist and not be merged itself. */
  mergeTarget?: { id: string; entry: HistoryEntry }
}

export interface IdeaQuery {
  statuses?: readonly IdeaStatus[]
  /** Compared in normalizeKey() form. */
  department?: string
  tag?: string
  /** Every term must match (shared/ideas/search.ts). */
  terms?: readonly SearchTerm[]
  sort: IdeaSort
  limit: number
  offset: number
}

export interface IdeaStore {
  /**
   * Records a promotion in one transaction: the idea with a newly allocated ref, its first
   * history entry and the note → idea links; or nothing, when these notes were promoted
   * before or overlap another idea's notes.
   */
  promote(idea: NewIdea): Promise<PromoteOutcome>
  /** By id or by ref. */
  get(idOrRef: string): Promise<StoredIdeaWithHistory | null>
  getMany(ids: readonly string[]): Promise<StoredIdea[]>
  list(query: IdeaQuery): Promise<{ items: StoredIdea[]; total: number }>
  /** Ideas that share any term with the text, best match first; merged ideas left out. */
  similar(terms: readonly SearchTerm[], limit: number): Promise<StoredIdea[]>
  /** Ideas merged into this one. */
  mergedInto(id: string): Promise<StoredIdea[]>
  /**
   * Records notes linked to an existing idea in one transaction: its links, votes, history
   * and the note → idea links; or nothing when the notes overlap another idea's.
   */
  link(link: LinkNotes): Promise<LinkOutcome>
  /** The notes of a board that belong to ideas (promoted or linked), with those ideas' badges. */
  notesOfBoard(boardId: string): Promise<BoardNoteIdea[]>
  /** The boards that have notes of an idea. */
  boardsOf(ideaId: string): Promise<string[]>
  /** Every idea with its history (export), optionally only those changed since a moment. */
  exportAll(options: { changedSince: number | null }): Promise<StoredIdeaWithHistory[]>
  facets(): Promise<IdeaFacets>
  /** Applies a planned change in one transaction and returns the idea after it. */
  update(update: IdeaUpdate): Promise<StoredIdeaWithHistory>
}

// ---- the meeting digest --------------------------------------------------------------------

export interface DigestHeldRecord {
  /** YYYY-MM-DD (UTC). */
  heldOn: string
  recordedAt: number
}

export interface DigestStore {
  /** The digest recorded last (the next digest starts from its day), or null. */
  lastHeld(): Promise<DigestHeldRecord | null>
  /** Records a digest as held on a day; recording a day again moves it to the latest. */
  recordHeld(record: DigestHeldRecord): Promise<void>
  /**
   * Boards that may have had activity in [from, to): created before `to` and either created,
   * compacted (which happens when an idle board unloads) or written to without compaction
   * since `from`. A superset: the caller counts what the documents hold.
   */
  boardsActiveSince(from: number, to: number): Promise<BoardRecord[]>
}

// ---- outgoing webhooks (server/webhooks/) ----------------------------------------------------

/**
 * A change of the registry as the idea store reports it, inside the transaction that stores
 * it, to the outbox (which turns it into webhook deliveries in that same transaction).
 */
export type IdeaChange =
  | { kind: 'promoted'; idea: StoredIdeaWithHistory }
  | { kind: 'linked'; idea: StoredIdeaWithHistory; by: HistoryActor }
  | { kind: 'updated'; statusBefore: IdeaStatus; update: IdeaUpdate; idea: StoredIdeaWithHistory }

/** A delivery row as the dispatcher claims it. */
export interface OutboxDelivery {
  id: string
  event: string
  eventId: string
  /** The WEBHOOK_URLS entry it goes to (URL and format suffix). */
  receiver: string
  /** The JSON payload with the idea's link as a path (the dispatcher makes it absolute). */
  payload: string
  attempts: number
  createdAt: number
  /** After this moment a failed attempt is the last. */
  expiresAt: number
}

export type DeliveryOutcome =
  | { delivered: true; at: number; status: number }
  | { delivered: false; at: number; status: number | null; error: string; nextAttemptAt: number | null }

export interface DeliveryRow {
  id: string
  event: string
  eventId: string
  receiver: string
  ideaId: string
  ideaRef: string
  ideaTitle: string
  state: 'pending' | 'delivered' | 'failed'
  attempts: number
  createdAt: number
  nextAttemptAt: number | null
  deliveredAt: number | null
  lastStatus: number | null
  lastError: string | null
}

export interface ReceiverCounts {
  receiver: string
  pending: number
  failed: number
  delivered: number
  lastDeliveredAt: number | null
}

/**
 * The webhook outbox: one row per (event, receiver), written with the change that caused
 * it, claimed under a lease by whichever process delivers it.
 */
export interface WebhookOutbox {
  /** The receivers new changes are written for (none: nothing is written). */
  setReceivers(receivers: readonly string[], maxAgeMs: number): void
  /**
   * Leases up to `limit` due deliveries to these receivers for `owner` until `now + leaseMs`.
   * A lease that ran out (its process died) is claimable again.
   */
  claim(options: {
    owner: string
    now: number
    leaseMs: number
    limit: number
    receivers: readonly string[]
  }): Promise<OutboxDelivery[]>
  /** Records an attempt's outcome; false when the lease was lost meanwhile (nothing written). */
  settle(id: string, owner: string, outcome: DeliveryOutcome): Promise<boolean>
  /** Gives back this owner's leases (a clean shutdown), so another process may go on at once. */
  release(owner: string): Promise<void>
  /** Newest first. */
  list(options: { state?: DeliveryRow['state']; limit: number }): Promise<DeliveryRow[]>
  get(id: string): Promise<DeliveryRow | null>
  counts(): Promise<ReceiverCounts[]>
  /** Makes a pending or failed delivery due now; null when there is none, or it was delivered. */
  retryNow(id: string, now: number): Promise<DeliveryRow | null>
}
