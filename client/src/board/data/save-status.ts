import type * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import type { WebsocketProvider } from 'y-websocket'
import { MessageType, SyncMessageType } from '@shared/protocol.ts'
import { Store, type ReadableStore } from '../../lib/store.ts'
import type { ConnectionState } from './connection.ts'
import type { LocalPersistenceState } from './board-session.ts'
import { SaveLedger } from './save-ledger.ts'

/**
 * What the user is told about their own edits:
 * - `saved`: every edit made on this device is durable on the server;
 * - `saving`: connected, and some edit is not confirmed durable yet (also while the server
 *   retries a failing database: it defers its confirmation until the write succeeded);
 * - `offline-unsaved`: not connected, and some edit exists only on this device.
 */
export type SaveStatus = 'saved' | 'saving' | 'offline-unsaved'

/** Quiet time after the last local edit before asking the server for a confirmation. */
export const SAVE_CHECK_DEBOUNCE_MS = 400
/** Longest wait for a confirmation request while edits keep coming (continuous typing). */
export const SAVE_CHECK_MAX_WAIT_MS = 2000

export interface SaveTrackerOptions {
  now?: () => number
  debounceMs?: number
  maxWaitMs?: number
}

/**
 * Follows the local edits of one board and the server's confirmations of them (see
 * SaveLedger for why a sync step 2 confirms durability). Outside React; BoardSession owns one.
 */
export class SaveTracker {
  readonly status: ReadableStore<SaveStatus>
  readonly #status = new Store<SaveStatus>('saved')
  readonly #ledger = new SaveLedger()
  readonly #doc: Y.Doc
  readonly #provider: WebsocketProvider
  readonly #connection: ReadableStore<ConnectionState>
  readonly #now: () => number
  readonly #debounceMs: number
  readonly #maxWaitMs: number
  #requestsSent = 0
  #debounceTimer: ReturnType<typeof setTimeout> | null = null
  #maxWaitTimer: ReturnType<typeof setTimeout> | null = null
  readonly #stops: Array<() => void> = []

  constructor(doc: Y.Doc, provider: WebsocketProvider, connection: ReadableStore<ConnectionState>, options: SaveTrackerOptions = {}) {
    this.status = this.#status
    this.#doc = doc
    this.#provider = provider
    this.#connection = connection
    this.#now = options.now ?? Date.now
    this.#debounceMs = options.debounceMs ?? SAVE_CHECK_DEBOUNCE_MS
    this.#maxWaitMs = options.maxWaitMs ?? SAVE_CHECK_MAX_WAIT_MS

    // Every change not applied by the provider is one the server may lack: edits made here, and
    // also edits of an earlier visit loaded from this device's store (they may never have
    // reached the server), so those show "saving" until the server confirms them.
    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      if (origin === provider) return
      this.#ledger.edit(this.#now())
      this.#scheduleRequest()
      this.#recompute()
    }
    doc.on('update', onUpdate)
    this.#stops.push(() => doc.off('update', onUpdate))

    // 'connected' is emitted just before the provider sends its own sync step 1 on a new socket.
    const onStatus = ({ status }: { status: string }) => {
      if (status === 'connected') this.#ledger.socketOpened()
      this.#recompute()
    }
    provider.on('status', onStatus)
    this.#stops.push(() => provider.off('status', onStatus))
    const onClose = () => {
      this.#ledger.socketClosed()
      this.#recompute()
    }
    provider.on('connection-close', onClose)
    this.#stops.push(() => provider.off('connection-close', onClose))
    this.#stops.push(connection.subscribe(() => this.#recompute()))

    const defaultSync = provider.messageHandlers[MessageType.Sync]!
    provider.messageHandlers[MessageType.Sync] = (encoder, decoder, provider, emitSynced, messageType) => {
      const syncType = peekVarUint(decoder)
      defaultSync(encoder, decoder, provider, emitSynced, messageType)
      if (syncType === SyncMessageType.Step2) {
        this.#ledger.replyReceived()
        this.#recompute()
      } else if (syncType === SyncMessageType.Step1) {
        this.#ledger.serverAskedForState()
        // The provider sends its answer (our missing edits) when this handler returns; a
        // request must follow that answer on the socket, hence the microtask.
        if (this.#ledger.needsRequest) queueMicrotask(() => this.#sendRequest())
      }
    }
    this.#stops.push(() => {
      provider.messageHandlers[MessageType.Sync] = defaultSync
    })
    this.#recompute()
  }

  /** When the oldest edit not known to be saved was made (ms since the epoch), or null. */
  get unsavedSince(): number | null {
    return this.#ledger.unsavedSince
  }

  /** Confirmation requests sent so far (for tests and diagnostics). */
  get requestsSent(): number {
    return this.#requestsSent
  }

  destroy(): void {
    this.#clearTimers()
    for (const stop of this.#stops.splice(0)) stop()
  }

  #scheduleRequest(): void {
    if (this.#debounceTimer !== null) clearTimeout(this.#debounceTimer)
    this.#debounceTimer = setTimeout(() => this.#sendRequest(), this.#debounceMs)
    this.#maxWaitTimer ??= setTimeout(() => this.#sendRequest(), this.#maxWaitMs)
  }

  #clearTimers(): void {
    if (this.#debounceTimer !== null) clearTimeout(this.#debounceTimer)
    if (this.#maxWaitTimer !== null) clearTimeout(this.#maxWaitTimer)
    this.#debounceTimer = null
    this.#maxWaitTimer = null
  }

  /**
   * Sends a sync step 1 after every edit so far. Not connected: nothing to do now; the server's
   * step 1 on the next connection triggers a request.
   */
  #sendRequest(): void {
    this.#clearTimers()
    const ws = this.#provider.ws
    if (!this.#provider.wsconnected || !ws || ws.readyState !== OPEN || !this.#ledger.needsRequest) return
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MessageType.Sync)
    syncProtocol.writeSyncStep1(encoder, this.#doc)
    ws.send(encoding.toUint8Array(encoder))
    this.#ledger.requestSent()
    this.#requestsSent++
    this.#recompute()
  }

  #recompute(): void {
    if (!this.#ledger.hasUnsaved) return this.#status.set('saved')
    const connection = this.#connection.get().kind
    this.#status.set(connection === 'connected' || connection === 'connecting' ? 'saving' : 'offline-unsaved')
  }
}

/**
 * The save status of several documents as one: the board's and, in silent mode, the private
 * draft's (a note written in silence is saved only once the draft's server room has it).
 * Offline-unsaved wins over saving, saving over saved.
 */
export class SaveGroup {
  readonly status: ReadableStore<SaveStatus>
  readonly #status = new Store<SaveStatus>('saved')
  readonly #members = new Map<SaveTracker, () => void>()

  constructor(...trackers: SaveTracker[]) {
    this.status = this.#status
    for (const tracker of trackers) this.add(tracker)
  }

  add(tracker: SaveTracker): void {
    this.#members.set(tracker, tracker.status.subscribe(() => this.#recompute()))
    this.#recompute()
  }

  /** Stops following a tracker (and destroys it). */
  remove(tracker: SaveTracker): void {
    this.#members.get(tracker)?.()
    this.#members.delete(tracker)
    tracker.destroy()
    this.#recompute()
  }

  /** The oldest unconfirmed edit of any member (ms since the epoch), or null. */
  get unsavedSince(): number | null {
    const since = [...this.#members.keys()].map((tracker) => tracker.unsavedSince).filter((at): at is number => at !== null)
    return since.length > 0 ? Math.min(...since) : null
  }

  /** Confirmation requests sent so far by every member (for tests and diagnostics). */
  get requestsSent(): number {
    return [...this.#members.keys()].reduce((sum, tracker) => sum + tracker.requestsSent, 0)
  }

  destroy(): void {
    for (const tracker of [...this.#members.keys()]) this.remove(tracker)
  }

  #recompute(): void {
    const statuses = [...this.#members.keys()].map((tracker) => tracker.status.get())
    this.#status.set(statuses.includes('offline-unsaved') ? 'offline-unsaved' : statuses.includes('saving') ? 'saving' : 'saved')
  }
}

/** WebSocket.OPEN, without relying on a global WebSocket (Node tests pass their own class). */
const OPEN = 1

function peekVarUint(decoder: decoding.Decoder): number {
  return decoding.readVarUint(decoding.clone(decoder))
}

/** How long edits may stay unconfirmed before leaving the page asks "are you sure?". */
export const UNSAVED_WARNING_AFTER_MS = 5000

/**
 * Whether closing the page now should ask the user to stay.
 *
 * Not after every edit: a confirmation takes a few hundred milliseconds, and a dialog on every
 * quick close would teach people to click it away. While IndexedDB keeps the edits on this
 * device they are not lost by closing the page; they are sent the next time the board is opened
 * here. So the browser warns only when leaving could really lose work:
 * - the edits exist nowhere but in this page (no local store, or it failed or is still opening,
 *   or, while offline, it is still writing the last of them);
 * - or they have waited for the server longer than a confirmation normally takes. Then the
 *   server or network is in trouble, and the user may never open the board on this device
 *   again (a borrowed laptop in a workshop), so they should know before they go.
 */
export function shouldWarnBeforeUnload(
  status: SaveStatus,
  localPersistence: LocalPersistenceState,
  unsavedSince: number | null,
  now: number,
  /** Edits still being written to the local store (see LocalWrites). */
  localWritesPending = false,
): boolean {
  if (status === 'saved') return false
  if (localPersistence !== 'ready') return true
  // Offline, this device's store is the edits' only copy: wait for it to finish writing. (Online
  // the same milliseconds pass while the edit travels to the server; no dialog for those.)
  if (status === 'offline-unsaved' && localWritesPending) return true
  return unsavedSince !== null && now - unsavedSince > UNSAVED_WARNING_AFTER_MS
}
