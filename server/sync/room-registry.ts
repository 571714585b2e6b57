import * as Y from 'yjs'
import type { Relay, RelaySubscription } from '../relay/types.ts'
import type { BoardStore, MergeBoardState } from '../storage/types.ts'
import { docFromState, mergeBoardState } from './board-state.ts'
import { draftKeyPrefix, roomKeyOf } from './draft-id.ts'
import { BoardRoom, LoadOrigin, type RoomHooks, type RoomOptions } from './room.ts'
import type { Logger } from './socket.ts'
import type { UpdateWriter } from './update-writer.ts'

const RESYNC_RETRY_FIRST_MS = 100
const RESYNC_RETRY_MAX_MS = 5000

export interface RoomRegistryOptions extends RoomOptions {
  idleUnloadMs: number
  compactAfterUpdates: number
}

/** What the sync server wants to hear from every room (the reveal of drafts). */
export type RoomEvents = Pick<RoomHooks, 'clientWrote' | 'joined'>

/**
 * Loads boards, and participants' drafts of boards, on demand and unloads them when idle.
 * A room is named by its key (roomKeyOf): the board id, or the board id with a draft id.
 * Concurrent connects to a board that is loading share one load; a connect during an unload
 * waits for it and loads afresh. Loading never writes, so a failed load cannot store an empty
 * board over a real one.
 */
export class RoomRegistry {
  readonly #rooms = new Map<string, Promise<BoardRoom | null>>()
  readonly #unloading = new Map<string, Promise<void>>()
  readonly #subscriptions = new WeakMap<BoardRoom, RelaySubscription>()
  /** Rooms with a resync under way; `again` asks for one more round. */
  readonly #resyncs = new WeakMap<BoardRoom, { again: boolean }>()
  readonly #boards: BoardStore
  readonly #relay: Relay
  readonly #writer: UpdateWriter
  readonly #options: RoomRegistryOptions
  readonly #log: Logger
  readonly #events: RoomEvents

  constructor(
    boards: BoardStore,
    relay: Relay,
    writer: UpdateWriter,
    options: RoomRegistryOptions,
    log: Logger,
    events: RoomEvents = {},
  ) {
    this.#boards = boards
    this.#relay = relay
    this.#writer = writer
    this.#options = options
    this.#log = log
    this.#events = events
  }

  /**
   * The loaded room of a board (or, with a draft id, of that draft of the board), loading it
   * if needed; null when no such board exists.
   */
  async acquire(boardId: string, draftId: string | null = null): Promise<BoardRoom | null> {
    const key = roomKeyOf(boardId, draftId)
    for (;;) {
      const unloading = this.#unloading.get(key)
      if (unloading) {
        await unloading
        continue
      }
      let loading = this.#rooms.get(key)
      if (!loading) {
        loading = this.#load(boardId, draftId)
        this.#rooms.set(key, loading)
        const entry = loading
        const forget = () => {
          if (this.#rooms.get(key) === entry) this.#rooms.delete(key)
        }
        loading.then((room) => room ?? forget(), forget)
      }
      const room = await loading
      if (room?.unloading) continue
      return room
    }
  }

  /** The room if it is loaded right now, without loading it. */
  async peek(boardId: string): Promise<BoardRoom | null> {
    const loading = this.#rooms.get(boardId)
    const room = loading ? await loading.catch(() => null) : null
    return room && !room.unloading ? room : null
  }

  /** The ids of the drafts of a board that are loaded (or loading) in this process. */
  loadedDraftIds(boardId: string): string[] {
    const prefix = draftKeyPrefix(boardId)
    return [...this.#rooms.keys()].filter((key) => key.startsWith(prefix)).map((key) => key.slice(prefix.length))
  }

  get loadedCount(): number {
    return this.#rooms.size
  }

  #loadState(boardId: string, draftId: string | null) {
    return draftId === null ? this.#boards.loadBoardState(boardId) : this.#boards.loadDraftState(boardId, draftId)
  }

  async #load(boardId: string, draftId: string | null): Promise<BoardRoom | null> {
    const log =
      draftId === null ? this.#log.child({ boardId }) : this.#log.child({ boardId, draft: draftId.slice(0, 8) })
    const started = performance.now()
    let room: BoardRoom | null = null
    const early: Array<(room: BoardRoom) => void> = []
    const whenLoaded = (apply: (room: BoardRoom) => void) => (room ? apply(room) : early.push(apply))
    // Subscribe first: whatever another process stores after our read arrives here.
    const subscription = await this.#relay.subscribe(roomKeyOf(boardId, draftId), {
      onUpdate: (update) =>
        whenLoaded((r) => {
          if (r.applyRemoteUpdate(update)) return
          r.log.info({}, 'a relayed update had missing dependencies; resyncing from storage')
          this.#resync(r)
        }),
      onAwareness: (update) => whenLoaded((r) => r.applyRemoteAwareness(update)),
      onResync: () => whenLoaded((r) => this.#resync(r)),
      onAwarenessQuery: () => whenLoaded((r) => r.republishAwareness()),
    })
    try {
      const state = await this.#loadState(boardId, draftId)
      if (!state) {
        await subscription.unsubscribe()
        return null
      }
      const doc = docFromState(state, LoadOrigin)
      room = new BoardRoom(
        boardId,
        doc,
        state.updates.length,
        subscription,
        this.#options,
        {
          scheduleFlush: (r) => this.#writer.schedule(r),
          afterFlush: (r) => void this.#maybeCompact(r, this.#options.compactAfterUpdates), // logs its own failure
          onEmpty: (r) => this.#scheduleUnload(r),
          clientWrote: (r, writer, endedSilence) => this.#events.clientWrote?.(r, writer, endedSilence),
          joined: (r, role) => this.#events.joined?.(r, role),
          storedState: async (r) => {
            const stored = await this.#loadState(r.boardId, r.draftId)
            if (!stored) throw new Error('the board is no longer in storage')
            return mergeBoardState(stored)
          },
        },
        log,
        draftId,
      )
      this.#subscriptions.set(room, subscription)
      for (const apply of early) apply(room)
      log.info(
        { ms: Math.round(performance.now() - started), updates: state.updates.length },
        draftId === null ? 'board loaded' : 'draft loaded',
      )
      // A board loaded for a connection that then failed would never unload otherwise.
      this.#scheduleUnload(room)
      return room
    } catch (error) {
      log.error({ err: error }, 'loading the board failed')
      await subscription.unsubscribe().catch(() => undefined)
      throw error
    }
  }

  /**
   * Brings a loaded room up to what storage holds (what other processes made durable but the
   * relay has not delivered yet). Throws when storage cannot be read.
   */
  async refreshFromStorage(room: BoardRoom): Promise<void> {
    const stored = await this.#loadState(room.boardId, room.draftId)
    if (stored && !room.unloading) room.applyRemoteUpdate(mergeBoardState(stored))
  }

  /**
   * Reloads stored state into a loaded room when the relay may have missed updates. One
   * reload at a time per room (a request meanwhile makes one more); a failed reload (storage
   * unavailable) is retried with backoff until it succeeds or the room unloads.
   */
  #resync(room: BoardRoom): void {
    const running = this.#resyncs.get(room)
    if (running) {
      running.again = true
      return
    }
    const state = { again: true }
    this.#resyncs.set(room, state)
    void (async () => {
      let delay = RESYNC_RETRY_FIRST_MS
      while (state.again && !room.unloading) {
        state.again = false
        try {
          await this.refreshFromStorage(room)
          delay = RESYNC_RETRY_FIRST_MS
        } catch (error) {
          room.log.warn({ err: error, retryInMs: delay }, 'resync from storage failed; retrying')
          state.again = true
          await new Promise((resolve) => setTimeout(resolve, delay))
          delay = Math.min(delay * 2, RESYNC_RETRY_MAX_MS)
        }
      }
      this.#resyncs.delete(room)
    })()
  }

  #scheduleUnload(room: BoardRoom): void {
    if (room.connections.size > 0 || room.unloading) return
    if (room.idleTimer) clearTimeout(room.idleTimer)
    room.idleTimer = setTimeout(() => {
      room.idleTimer = null
      // Updates not stored yet (a full disk) keep the room loaded: an unload would wait for
      // them, and so would every client that connects meanwhile.
      if (room.isDrained) void this.#unload(room)
      else this.#scheduleUnload(room)
    }, this.#options.idleUnloadMs)
  }

  async #unload(room: BoardRoom): Promise<void> {
    if (room.connections.size > 0 || room.unloading) return
    room.unloading = true
    const key = room.key
    const done = (async () => {
      await room.drained()
      await this.#maybeCompact(room, 1)
      room.destroy()
      await this.#subscriptions.get(room)?.unsubscribe()
      room.log.info({}, room.draftId === null ? 'board unloaded' : 'draft unloaded')
    })()
    this.#unloading.set(key, done)
    this.#rooms.delete(key)
    try {
      await done
    } catch (error) {
      room.log.error({ err: error }, 'unloading the board failed')
    } finally {
      this.#unloading.delete(key)
    }
  }

  async #maybeCompact(room: BoardRoom, threshold: number): Promise<void> {
    if (room.compacting || room.updatesSinceCompaction < threshold) return
    room.compacting = true
    try {
      const folded =
        room.draftId === null
          ? await this.#boards.compactBoard(room.boardId, this.#mergeFor(room))
          : await this.#boards.compactDraft(room.boardId, room.draftId, this.#mergeFor(room))
      room.updatesSinceCompaction = Math.max(0, room.updatesSinceCompaction - folded)
      room.log.debug({ folded }, 'compacted the update log')
    } catch (error) {
      room.log.error({ err: error }, 'compaction failed; the update log is kept')
    } finally {
      room.compacting = false
    }
  }

  /**
   * How to fold a board's stored state. With no relay this process is the board's only writer
   * and every stored update went through the room's document first, so the document holds at
   * least what is stored (perhaps more: updates still being written, which are harmless in a
   * snapshot and re-applied idempotently from the log). Encoding it costs one pass over the
   * board instead of re-applying the whole log. With a relay, other processes append too, so
   * the stored state itself is folded.
   */
  #mergeFor(room: BoardRoom): MergeBoardState {
    if (this.#relay.kind !== 'none') return mergeBoardState
    return () => Y.encodeStateAsUpdate(room.doc)
  }

  /** Unloads every room (after its connections were closed): flush, compact, release. */
  async unloadAll(): Promise<void> {
    const rooms = await Promise.all([...this.#rooms.values()].map((loading) => loading.catch(() => null)))
    await Promise.all(rooms.map((room) => (room ? this.#unload(room) : Promise.resolve())))
    await Promise.all([...this.#unloading.values()])
  }
}
