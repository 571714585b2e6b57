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
}

/** Folds a stored state into one snapshot (the Yjs merge lives with the caller). */
export type MergeBoardState = (state: StoredBoardState) => Uint8Array

export interface BoardStore {
  /** Creates the board row and its initial snapshot in one transaction. */
  createBoard(board: BoardRecord, initialState: Uint8Array): Promise<void>
  getBoard(id: string): Promise<BoardRecord | null>
  /** null when no such board exists. */
  loadBoardState(id: string): Promise<StoredBoardState | null>
  /** Appends updates of any number of boards in one transaction (a group commit). */
  appendUpdates(batch: readonly UpdateAppend[]): Promise<void>
  /**
   * Folds a board's update log into its snapshot in one transaction with a single writer per
   * board. Deletes exactly the log entries it folded, so an append committed meanwhile
   * survives. Returns how many entries were folded.
   */
  compactBoard(id: string, merge: MergeBoardState): Promise<number>
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
  readonly templates: TemplateStore
  /** Resolves when the database answers; rejects otherwise (readiness). */
  ping(): Promise<void>
  close(): Promise<void>
}
