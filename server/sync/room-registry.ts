import { CloseCode } from '@shared/protocol.ts'
import type { Relay, RelaySubscription } from '../relay/types.ts'
import type { BoardCompaction, BoardStore, StoredBoardState } from '../storage/types.ts'
import { docFromState, mergeBoardState } from './board-state.ts'
import { draftKeyPrefix, roomKeyOf } from './draft-id.ts'
import { KeyedQueue } from './keyed-queue.ts'
import type { CreatePolicy } from './policy.ts'
import { BoardRoom, LoadOrigin, type RoomLimits } from './room.ts'
import type { Logger } from './socket.ts'
import { StoredState } from './stored-state.ts'
import type { UpdateWriter } from './update-writer.ts'

const RESYNC_RETRY_FIRST_MS = 100
const RESYNC_RETRY_MAX_MS = 5000

export interface RoomRegistryOptions extends RoomLimits {
  idleUnloadMs: number
  compactAfterUpdates: number
  /**
   * How long a loaded board's document stays built after it was built or last written to;
   * then the room holds the board as bytes again (BoardRoom.releaseDocument). 0: never.
   */
  docIdleMs?: number
}

/** DOC_IDLE_MS's default. */
export const DOC_IDLE_MS_DEFAULT = 60_000

export interface RoomRegistryInit {
  boards: BoardStore
  relay: Relay
  writer: UpdateWriter
  options: RoomRegistryOptions
  /** The rules of each room's writes (see policy.ts). */
  createPolicy: CreatePolicy
  log: Logger
}

/**
 * A server-side writer's hold on a room: while any lease is held the room does not unload
 * (as a connection would keep it), so the writer needs no retry loop around an unloading room.
 */
export interface RoomLease {
  readonly room: BoardRoom
  /** Ends the lease (once; later calls do nothing). */
  release(): void
}

/** The registry's bookkeeping of one loaded room. */
interface RoomRecord {
  subscription: RelaySubscription
  /** Log entries this process appended since the board's last compaction (approximate). */
  updatesSinceCompaction: number
  compacting: boolean
  unloading: boolean
  idleTimer: NodeJS.Timeout | null
  /** Lets the room's document go when it fires (docIdleMs after it was built or last flushed). */
  docTimer: NodeJS.Timeout | null
  /** When the document was last built or written to (performance.now()). */
  docUsedAt: number
  leases: number
  /** Resolves waiters (shutdown) when the last lease ends. */
  leasesEnded: Array<() => void>
  /** A resync from storage under way; `again` asks for one more round. */
  resync: { again: boolean } | null
}

/**
 * Loads boards, and participants' drafts of boards, on demand and unloads them when idle.
 * A room is named by its key (roomKeyOf): the board id, or the board id with a draft id.
 * Concurrent connects to a board that is loading share one load; a connect during an unload
 * waits for it and loads afresh. Loading never writes, so a failed load cannot store an empty
 * board over a real one. A room stays loaded while it has connections or leases.
 */
export class RoomRegistry {
  readonly #rooms = new Map<string, Promise<BoardRoom | null>>()
  readonly #unloading = new Map<string, Promise<void>>()
  readonly #records = new WeakMap<BoardRoom, RoomRecord>()
  readonly #serverWrites = new KeyedQueue()
  readonly #boards: BoardStore
  readonly #relay: Relay
  readonly #writer: UpdateWriter
  readonly #options: RoomRegistryOptions
  readonly #createPolicy: CreatePolicy
  readonly #log: Logger

  constructor(init: RoomRegistryInit) {
    this.#boards = init.boards
    this.#relay = init.relay
    this.#writer = init.writer
    this.#options = init.options
    this.#createPolicy = init.createPolicy
    this.#log = init.log
  }

  /**
   * The loaded room of a board (or, with a draft id, of that draft of the board), loading it
   * if needed; null when no such board exists. The room is live (not unloading) when this
   * resolves; the caller joins it in the same turn, or leases it instead (lease()).
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
      if (room && this.#records.get(room)?.unloading) continue
      return room
    }
  }

  /**
   * Starts loading a board's room for a connection that is on its way: its socket ticket was
   * just issued, and the board's page opens the socket a few hundred milliseconds later, by
   * when the storage read and the joiners' answer are done instead of started. If nothing
   * joins, the room unloads after the idle time like any other. Failures are the connection's
   * to report; here they are only logged.
   *
   * The answer made is the whole board's (BoardRoom.prepareWholeBoard), in a turn of its own
   * after the ticket's reply: most joiners of a workshop come with nothing, and it is kept for
   * every later one until the board has changed by a share of itself. A joiner with a copy
   * of the board is answered with what it lacks, as always; for a page reconnecting with its
   * copy (its tickets come here too) the answer is made for nothing, at most once per quarter
   * of the board changed, as it is kept.
   */
  preload(boardId: string): void {
    this.acquire(boardId).then(
      (room) => {
        if (room) setImmediate(() => room.prepareWholeBoard())
      },
      (error: unknown) => {
        this.#log.debug({ err: error, boardId }, 'loading a board ahead of its connection failed')
      },
    )
  }

  /** Holds a room loaded (loading it if needed) until the lease is released; null when there is no such board. */
  async lease(boardId: string, draftId: string | null = null): Promise<RoomLease | null> {
    let room: BoardRoom | null
    let record: RoomRecord | undefined
    do {
      room = await this.acquire(boardId, draftId)
      record = room ? this.#records.get(room) : undefined
      if (!room || !record) return null
    } while (record.unloading) // only at shutdown can an unload slip in since acquire looked
    record.leases++
    this.#cancelUnload(record)
    const leased = room
    const held = record
    let active = true
    return {
      room: leased,
      release: () => {
        if (!active) return
        active = false
        held.leases--
        if (held.leases > 0) return
        for (const resolve of held.leasesEnded.splice(0)) resolve()
        this.#scheduleUnload(leased)
      },
    }
  }

  /**
   * Runs a server-side writer's task for a board (idea badges, the reveal of drafts): one at a
   * time per board in this process, so each reads and writes the newest state. The task leases
   * the rooms it writes to. Its failure rejects this promise only.
   */
  serverWrite<T>(boardId: string, task: () => Promise<T>): Promise<T> {
    return this.#serverWrites.run(boardId, task)
  }

  /** The room if it is loaded right now, without loading it. */
  async peek(boardId: string): Promise<BoardRoom | null> {
    const loading = this.#rooms.get(boardId)
    const room = loading ? await loading.catch(() => null) : null
    return room && !this.#records.get(room)?.unloading ? room : null
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
      const reading = performance.now()
      const state = await this.#loadState(boardId, draftId)
      const readMs = performance.now() - reading
      if (!state) {
        await subscription.unsubscribe()
        return null
      }
      // A compacted board (a snapshot, no log: how every board is stored once it unloaded) is
      // held as those bytes; the document is built when a write needs it. A log to replay, or
      // a snapshot that is not a whole document (it lacks what some of it depends on), is
      // built at once, as Yjs integrates it.
      const stored =
        state.updates.length === 0 && state.snapshot
          ? StoredState.prepare(state.snapshot, this.#options.maxMessageBytes)
          : null
      const loaded = new BoardRoom({
        boardId,
        draftId,
        board: stored?.scan.whole ? { stored } : { doc: docFromState(state, LoadOrigin) },
        storedBytes: storedBytesOf(state),
        relay: subscription,
        limits: this.#options,
        createPolicy: this.#createPolicy,
        scheduleFlush: (r) => this.#writer.schedule(r),
        storedState: async (r) => {
          const stored = await this.#loadState(r.boardId, r.draftId)
          if (!stored) throw new Error('the board is no longer in storage')
          return mergeBoardState(stored)
        },
        log,
      })
      const record: RoomRecord = {
        subscription,
        updatesSinceCompaction: state.updates.length,
        compacting: false,
        unloading: false,
        idleTimer: null,
        docTimer: null,
        docUsedAt: 0,
        leases: 0,
        leasesEnded: [],
        resync: null,
      }
      this.#records.set(loaded, record)
      loaded.on('flushed', (appended) => {
        record.updatesSinceCompaction += appended
        void this.#maybeCompact(loaded, this.#options.compactAfterUpdates) // logs its own failure
        this.#scheduleRelease(loaded)
      })
      loaded.on('built', () => this.#scheduleRelease(loaded))
      loaded.on('empty', () => this.#scheduleUnload(loaded))
      room = loaded
      for (const apply of early) apply(loaded)
      log.info(
        {
          ms: Math.round(performance.now() - started),
          readMs: Math.round(readMs),
          updates: state.updates.length,
          built: loaded.isBuilt,
        },
        draftId === null ? 'board loaded' : 'draft loaded',
      )
      this.#scheduleRelease(loaded)
      // A board loaded for a connection that then failed would never unload otherwise.
      this.#scheduleUnload(loaded)
      return loaded
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
    if (stored && !this.#records.get(room)?.unloading) room.applyRemoteUpdate(mergeBoardState(stored))
  }

  /**
   * Reloads stored state into a loaded room when the relay may have missed updates. One
   * reload at a time per room (a request meanwhile makes one more); a failed reload (storage
   * unavailable) is retried with backoff until it succeeds or the room unloads.
   */
  #resync(room: BoardRoom): void {
    const record = this.#records.get(room)
    if (!record) return
    if (record.resync) {
      record.resync.again = true
      return
    }
    const state = { again: true }
    record.resync = state
    void (async () => {
      let delay = RESYNC_RETRY_FIRST_MS
      while (state.again && !record.unloading) {
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
      record.resync = null
    })()
  }

  /**
   * The room's document was built or written to: it is let go once the room has been quiet for
   * docIdleMs. Not while server-side writers hold leases (they may hold the document across an
   * await) nor while the room is being compacted or resynced: then it waits another round.
   */
  #scheduleRelease(room: BoardRoom): void {
    const record = this.#records.get(room)
    if (!record) return
    record.docUsedAt = performance.now()
    // One timer per room, not one per write: it looks at docUsedAt when it fires.
    if (!record.docTimer) this.#armRelease(room, record, this.#options.docIdleMs ?? DOC_IDLE_MS_DEFAULT)
  }

  #armRelease(room: BoardRoom, record: RoomRecord, delayMs: number): void {
    const idleMs = this.#options.docIdleMs ?? DOC_IDLE_MS_DEFAULT
    if (record.unloading || idleMs <= 0 || !room.isBuilt) return
    record.docTimer = setTimeout(() => {
      record.docTimer = null
      if (record.unloading || !room.isBuilt) return
      const quietMs = performance.now() - record.docUsedAt
      const busy = record.leases > 0 || record.compacting || record.resync !== null
      if (quietMs < idleMs) this.#armRelease(room, record, idleMs - quietMs)
      else if (!busy && room.releaseDocument()) room.log.debug({}, 'document let go; the board is held as bytes')
      else this.#armRelease(room, record, idleMs)
    }, delayMs)
    // Nothing is lost if the process ends first: the document holds only what is stored.
    record.docTimer.unref()
  }

  #isInUse(room: BoardRoom, record: RoomRecord): boolean {
    return room.connections.size > 0 || record.leases > 0
  }

  #cancelUnload(record: RoomRecord): void {
    if (record.idleTimer) clearTimeout(record.idleTimer)
    record.idleTimer = null
  }

  #scheduleUnload(room: BoardRoom): void {
    const record = this.#records.get(room)
    if (!record || record.unloading || this.#isInUse(room, record)) return
    this.#cancelUnload(record)
    record.idleTimer = setTimeout(() => {
      record.idleTimer = null
      // Updates not stored yet (a full disk) keep the room loaded: an unload would wait for
      // them, and so would every client that connects meanwhile.
      if (room.isDrained) void this.#unload(room)
      else this.#scheduleUnload(room)
    }, this.#options.idleUnloadMs)
  }

  async #unload(room: BoardRoom): Promise<void> {
    const record = this.#records.get(room)
    if (!record || record.unloading || this.#isInUse(room, record)) return
    record.unloading = true
    this.#cancelUnload(record)
    if (record.docTimer) clearTimeout(record.docTimer)
    record.docTimer = null
    const key = room.key
    const done = (async () => {
      await room.drained()
      await this.#maybeCompact(room, 1)
      room.destroy()
      await record.subscription.unsubscribe()
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
    const record = this.#records.get(room)
    if (!record || record.compacting || record.updatesSinceCompaction < threshold) return
    record.compacting = true
    try {
      const folded =
        room.draftId === null
          ? await this.#boards.compactBoard(room.boardId, this.#mergeFor(room))
          : await this.#boards.compactDraft(room.boardId, room.draftId, this.#mergeFor(room))
      record.updatesSinceCompaction = Math.max(0, record.updatesSinceCompaction - folded)
      room.log.debug({ folded }, 'compacted the update log')
    } catch (error) {
      room.log.error({ err: error }, 'compaction failed; the update log is kept')
    } finally {
      record.compacting = false
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
  #mergeFor(room: BoardRoom): BoardCompaction {
    if (this.#relay.kind !== 'none') return mergeBoardState
    // While the room holds the board as bytes those are the state (nothing was written since).
    // The stored log is not read at all.
    return { ownState: () => room.encodeState() }
  }

  /**
   * Drops the rooms of a deleted board (the board's and its drafts') without writing: their
   * connections close with 4404 and what was still to be stored is discarded.
   */
  async evict(boardId: string): Promise<void> {
    this.#writer.forget(boardId)
    const keys = [boardId, ...this.loadedDraftIds(boardId).map((draftId) => roomKeyOf(boardId, draftId))]
    await Promise.all(
      keys.map(async (key) => {
        const room = await (this.#rooms.get(key) ?? Promise.resolve(null)).catch(() => null)
        if (!room) return
        room.closeAll(CloseCode.NotFound, 'the board was deleted')
        await this.#unload(room)
      }),
    )
  }

  /**
   * Unloads every room (after its connections were closed): waits for server-side writers
   * to release their leases, then flushes, compacts and releases each.
   */
  async unloadAll(): Promise<void> {
    const rooms = (await Promise.all([...this.#rooms.values()].map((loading) => loading.catch(() => null)))).filter(
      (room): room is BoardRoom => room !== null,
    )
    await Promise.all(
      rooms.map((room) => {
        const record = this.#records.get(room)
        if (!record || record.leases === 0) return Promise.resolve()
        return new Promise<void>((resolve) => record.leasesEnded.push(resolve))
      }),
    )
    await Promise.all(rooms.map((room) => this.#unload(room)))
    await Promise.all([...this.#unloading.values()])
  }
}

function storedBytesOf(state: StoredBoardState): number {
  return state.updates.reduce((sum, update) => sum + update.byteLength, state.snapshot?.byteLength ?? 0)
}
