import { CloseCode } from '@shared/protocol.ts'
import type { BoardAccess, LifecycleStore } from '../storage/lifecycle-types.ts'
import type { BoardEvent, Relay } from '../relay/types.ts'
import type { Logger } from '../sync/socket.ts'
import type { SyncServer } from '../sync/sync-server.ts'

/**
 * Who did something the audit log keeps: an admin, a board's facilitator, its owner (the
 * signed-in person who created it), or the retention job.
 */
export type LifecycleActor = 'admin' | 'facilitator' | 'owner' | 'retention'

export interface LifecycleDeps {
  store: LifecycleStore
  relay: Relay
  sync: SyncServer
  log: Logger
  now?: () => number
}

/**
 * Resetting a board's links and deleting a board: the change in storage, then the same
 * consequence in this process and (through the relay's board events) in every other one —
 * connections of reset links close with 4401, every connection of a deleted board with 4404 —
 * and an entry in the audit log.
 */
export class BoardLifecycle {
  readonly #deps: LifecycleDeps
  readonly #now: () => number

  constructor(deps: LifecycleDeps) {
    this.#deps = deps
    this.#now = deps.now ?? Date.now
    deps.relay.onBoardEvent((event) => void this.#apply(event))
  }

  /** New participant and viewer tokens (and the facilitator's, when asked); null when no such board. */
  async rotateLinks(
    boardId: string,
    rotation: { facilitator: boolean; expiresAt: number | null },
    actor: LifecycleActor,
  ): Promise<BoardAccess | null> {
    const access = await this.#deps.store.rotateLinks(boardId, rotation)
    if (!access) return null
    const event: BoardEvent = {
      kind: 'links-rotated',
      boardId,
      linksGeneration: access.linksGeneration,
      facilitatorGeneration: access.facilitatorGeneration,
    }
    await this.#apply(event)
    await this.#publish(event)
    await this.audit(actor, 'links-rotated', boardId, {
      facilitator: rotation.facilitator,
      expiresAt: rotation.expiresAt,
    })
    return access
  }

  /** Deletes a board everywhere; false when there was no such board. */
  async deleteBoard(boardId: string, actor: LifecycleActor, details: Record<string, unknown> = {}): Promise<boolean> {
    const deleted = await this.#deps.store.deleteBoard(boardId, this.#now())
    if (!deleted) return false
    const event: BoardEvent = { kind: 'board-deleted', boardId }
    await this.#apply(event)
    await this.#publish(event)
    await this.audit(actor, 'board-deleted', boardId, details)
    this.#deps.log.info({ boardId, actor }, 'board deleted')
    return true
  }

  /** A sign-in session ended (its person signed out): the connections it opened close with 4401, everywhere. */
  async endSession(sessionKey: string): Promise<void> {
    const event: BoardEvent = { kind: 'session-ended', boardId: null, sessionKey }
    await this.#apply(event)
    await this.#publish(event)
  }

  async #apply(event: BoardEvent): Promise<void> {
    const { sync } = this.#deps
    if (event.kind === 'session-ended') {
      const closed = sync.closeSession(event.sessionKey)
      if (closed > 0) this.#deps.log.info({ closed }, 'connections of a signed-out session closed')
      return
    }
    if (event.kind === 'links-rotated') {
      const closed = sync.closeRevoked(event.boardId, {
        links: event.linksGeneration,
        facilitator: event.facilitatorGeneration,
      })
      if (closed > 0) this.#deps.log.info({ boardId: event.boardId, closed }, 'connections of reset links closed')
      return
    }
    sync.closeBoard(event.boardId, CloseCode.NotFound, 'the board was deleted')
    await sync.rooms.evict(event.boardId)
  }

  async #publish(event: BoardEvent): Promise<void> {
    try {
      await this.#deps.relay.publishBoardEvent(event)
    } catch (error) {
      // Storage already refuses the old tokens (and the deleted board) in every process; only
      // connections open elsewhere stay until they reconnect. Logged for the operator.
      this.#deps.log.error({ err: error, boardId: event.boardId }, 'telling the other processes failed')
    }
  }

  /** Keeps an admin action in the audit log. */
  async audit(
    actor: LifecycleActor,
    action: string,
    boardId: string | null,
    details: Record<string, unknown>,
  ): Promise<void> {
    await this.#deps.store.appendAudit({ at: this.#now(), actor, action, boardId, details })
  }
}
