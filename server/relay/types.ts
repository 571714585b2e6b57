/**
 * A relay carries one board's updates and awareness between server processes that serve it
 * at the same time. The sync core only sees these types; "none" is the single-process
 * default and Redis the scaled-out implementation.
 */

export interface RelayHandlers {
  /** A document update another process has already made durable. */
  onUpdate(update: Uint8Array): void
  /** An awareness update from another process's clients. */
  onAwareness(update: Uint8Array): void
  /** The relay may have missed updates (reconnect, trimmed stream): reload from storage. */
  onResync(): void
  /**
   * Another process has started serving the board and asks for the presence of this
   * process's clients (they would otherwise show there only at their next renewal).
   */
  onAwarenessQuery(): void
}

export interface RelaySubscription {
  /** Publishes an update this process has made durable. */
  publishUpdate(update: Uint8Array): void
  publishAwareness(update: Uint8Array): void
  unsubscribe(): Promise<void>
}

/**
 * Something that happened to a board which every process serving it must act on at once:
 * its links were reset (connections of older tokens close with 4401) or it was deleted
 * (every connection closes with 4404 and the room is dropped without writing). And one that
 * concerns no board in particular: a sign-in session ended (its connections close with 4401).
 */
export type BoardEvent =
  | { kind: 'links-rotated'; boardId: string; linksGeneration: number; facilitatorGeneration: number }
  | { kind: 'board-deleted'; boardId: string }
  /** `sessionKey`: the session's key in the database (a hash; never the cookie). */
  | { kind: 'session-ended'; boardId: null; sessionKey: string }

export interface Relay {
  readonly kind: 'none' | 'redis'
  /** Tells the other processes of the deployment (not this one) about a board event. */
  publishBoardEvent(event: BoardEvent): Promise<void>
  /** Hears the other processes' board events. */
  onBoardEvent(listener: (event: BoardEvent) => void): void
  /** Subscribes before the board is loaded, so nothing falls between load and subscribe. */
  subscribe(boardId: string, handlers: RelayHandlers): Promise<RelaySubscription>
  ping(): Promise<void>
  close(): Promise<void>
}
