import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import { Awareness } from 'y-protocols/awareness'
import { WebsocketProvider } from 'y-websocket'
import { BoardToken, tokenSocket } from './board-token.ts'
import { readTokenClaims } from '@shared/links.ts'
import { MessageType, parseDenial } from '@shared/protocol.ts'
import { PERMISSIONS, type Role } from '@shared/roles.ts'
import type { HeldBackReason, NoteData, SessionState } from '@shared/board/index.ts'
import type { Identity } from '../../identity/identity.ts'
import { Emitter, Store, type ReadableStore } from '../../lib/store.ts'
import { BoardStores } from './board-stores.ts'
import { NoteRules, refusalCodeOf, type RefusalCode } from './note-rules.ts'
import { trackConnection, type ConnectionState } from './connection.ts'
import { Presence } from './presence.ts'
import { UndoHistory } from './undo.ts'
import { BoardWriter } from './writer.ts'
import { Countdown } from './countdown.ts'
import { ServerClock, type FetchServerNow } from './server-clock.ts'
import { SessionControls } from './session-controls.ts'
import { VoteTally } from './vote-tally.ts'
import { SaveGroup, SaveTracker } from './save-status.ts'
import { DraftConnection } from './draft-connection.ts'
import { LocalWrites } from './local-writes.ts'
import { HeldBackNotes } from './held-back.ts'
import { applyServerUpdatesAsReceived } from './received-updates.ts'
import { cleanAuthorName, observeBoard, setAuthorName } from '@shared/board/index.ts'

/** Where edits are kept on this device between visits (IndexedDB in browsers). */
export interface LocalPersistence {
  /** Resolves once the stored state has been loaded into the document. */
  whenSynced: Promise<unknown>
  /** True while edits are still being written to this device's store (not yet kept). */
  pending?: ReadableStore<boolean>
  destroy(): Promise<void> | void
}

export type LocalPersistenceState = 'none' | 'loading' | 'ready' | 'failed'

export interface BoardSessionOptions {
  boardId: string
  token: string
  /** ws(s)://host/sync — the board id is appended. */
  syncUrl: string
  identity: Identity
  /** A WebSocket class for Node (tests, benchmarks); browsers use their own. */
  WebSocketImpl?: typeof WebSocket
  /** Local persistence for offline edits; none in Node. */
  persistence?: (boardId: string, doc: Y.Doc) => LocalPersistence
  /** Longest wait between reconnection attempts. */
  maxBackoffMs?: number
  /**
   * Asks the server for its clock (GET /api/time), for the session timer. Without it the
   * local clock stands in (Node tests).
   */
  fetchServerNow?: FetchServerNow
  /**
   * Private drafts in silent mode (new notes stay on this device and the server until the
   * facilitator reveals). Without it, new notes go to the board even in silent mode, as
   * older clients do.
   */
  drafts?: DraftOptions
}

export interface DraftOptions {
  /** This device's secret draft key for the board (made on first use). */
  key(): string
  /** Whether this device has a draft of the board already (open it even when not silent). */
  known(): boolean
  /** Local persistence of the draft document. */
  persistence?: (boardId: string, doc: Y.Doc) => LocalPersistence
}

const localClockOnly: FetchServerNow = () => Promise.reject(new Error('no server clock configured'))

/** What the current role may do right now (the server enforces the same table). */
export interface Capabilities {
  role: Role
  /**
   * Create, move, edit and delete notes at all. False for viewers, and for participants while
   * the board is locked or a vote is open; zones closed in the phase and silent mode are
   * judged per note (BoardSession.rules).
   */
  editNotes: boolean
  /** Create, resize and rename zones and frames. */
  editZones: boolean
  /** Promote notes to the idea registry. */
  promote: boolean
}

function capabilities(role: Role, session: SessionState): Capabilities {
  const permissions = PERMISSIONS[role]
  return {
    role,
    editNotes: permissions.writeContent && (permissions.controlSession || (!session.locked && !session.voting.open)),
    editZones: permissions.controlSession,
    promote: permissions.promote,
  }
}

/**
 * One open board: the Y.Doc, its local persistence, the WebSocket provider, presence, the
 * undo history, the stores the views read, and the writer every local change goes through.
 * Lives outside React; BoardPage creates one per board and destroys it on leave.
 */
export class BoardSession {
  readonly boardId: string
  readonly role: Role
  readonly doc = new Y.Doc()
  /** The origin of every local write: undo tracks it, and views tell own changes by it. */
  readonly origin: object = { kind: 'local' }
  /**
   * The origin of local writes that undo must not take back: votes (a dot is given and taken
   * back with its own buttons) and the facilitator's session controls.
   */
  readonly untrackedOrigin: object = { kind: 'local-untracked' }
  readonly provider: WebsocketProvider
  readonly awareness: Awareness
  readonly stores: BoardStores
  readonly writer: BoardWriter
  readonly undo: UndoHistory
  readonly presence: Presence
  readonly connection: Store<ConnectionState>
  readonly capabilities: Store<Capabilities>
  /** What this user may do to which note, by the rules the server enforces. */
  readonly rules: NoteRules
  /**
   * Changes that were not made: refused by the server (and reverted), or not attempted
   * because the rules forbid them. For a notice to the user.
   */
  readonly refusals = new Emitter<RefusalCode>()
  /** True once local persistence has loaded (immediately when there is none). */
  readonly localLoaded = new Store(false)
  /**
   * Whether edits are kept on this device: 'none' (no local store, e.g. Node), 'loading',
   * 'ready', or 'failed' (IndexedDB unavailable, e.g. some private windows).
   */
  readonly localPersistence: Store<LocalPersistenceState>
  /** Whether this device's edits, board and private draft, are durable on the server. */
  readonly saves: SaveGroup
  /** Whether edits are still being written to this device's local stores (see LocalWrites). */
  readonly localWrites = new LocalWrites()
  /** The server's clock, for the timer. */
  readonly clock: ServerClock
  /** The session timer as everyone sees it. */
  readonly countdown: Countdown
  /** The dots on the board and their ranking. */
  readonly votes: VoteTally
  /** The facilitator's session controls (the server refuses them from other roles). */
  readonly controls: SessionControls
  /** How many of this user's notes wait in the private draft for the reveal. */
  readonly draftCount: Store<number>
  readonly #persistence: LocalPersistence | null
  readonly #stopConnection: () => void
  readonly #stopReceivedUpdates: () => void
  readonly #options: BoardSessionOptions
  readonly #token: BoardToken
  readonly #heldBack: HeldBackNotes
  #draft: DraftConnection | null = null
  #stopDraft: (() => void) | null = null
  #identity: Identity

  constructor(options: BoardSessionOptions) {
    this.boardId = options.boardId
    this.#options = options
    this.#token = new BoardToken(options.token)
    this.role = readTokenClaims(options.token)?.role ?? 'viewer'
    this.#identity = options.identity
    this.stores = new BoardStores(this.doc)
    this.draftCount = this.stores.notes.draftCount
    this.writer = new BoardWriter(this.doc, this.origin, () => this.#identity, () => this.stores.zones.get(), this.untrackedOrigin, {
      doc: () => this.#draft?.doc ?? null,
      active: () => this.#draft !== null && this.stores.session.get().silent,
    })
    this.clock = new ServerClock({
      fetchNow: options.fetchServerNow ?? localClockOnly,
      ...(options.fetchServerNow ? {} : { resampleMs: 0, samples: 1 }),
    })
    this.countdown = new Countdown(this.stores.session, this.clock.now, { clockChanges: this.clock.offset })
    this.votes = new VoteTally(this.stores.notes)
    this.controls = new SessionControls(this.doc, this.untrackedOrigin, this.clock.now)
    this.undo = new UndoHistory(this.doc, this.origin)
    this.capabilities = new Store(capabilities(this.role, this.stores.session.get()), (a, b) =>
      a.editNotes === b.editNotes && a.editZones === b.editZones)
    this.stores.session.subscribe(() => this.capabilities.set(capabilities(this.role, this.stores.session.get())))
    this.rules = new NoteRules(() => ({
      role: this.role,
      participantId: this.#identity.id,
      session: this.stores.session.get(),
      phases: this.stores.phases.get(),
      zones: this.stores.zones.get(),
    }))

    this.#persistence = options.persistence ? options.persistence(options.boardId, this.doc) : null
    this.localPersistence = new Store<LocalPersistenceState>(this.#persistence ? 'loading' : 'none')
    this.localWrites.set('board', this.#persistence?.pending ?? null)
    if (this.#persistence) {
      this.#persistence.whenSynced.then(
        () => {
          this.localPersistence.set('ready')
          this.localLoaded.set(true)
        },
        () => {
          this.localPersistence.set('failed')
          this.localLoaded.set(true) // a broken local store must not hide the server's board
        },
      )
    } else {
      this.localLoaded.set(true)
    }

    this.awareness = new Awareness(this.doc)
    this.presence = new Presence(this.awareness, options.identity)
    // A connection opened early (early-connection.ts) hands over the server's board once the
    // local copy has loaded, as a connection opened now would.
    const socket = tokenSocket(
      this.#token,
      options.boardId,
      options.WebSocketImpl,
      this.#persistence?.whenSynced ?? Promise.resolve(),
    )
    this.provider = new WebsocketProvider(options.syncUrl, options.boardId, this.doc, {
      awareness: this.awareness,
      // The participant id tells the server whose votes and (in silent mode) notes these are.
      params: { participant: options.identity.id },
      disableBc: true,
      maxBackoffTime: options.maxBackoffMs ?? 5000,
      shouldReconnect: socket.shouldReconnect,
      WebSocketPolyfill: socket.WebSocketPolyfill,
    })
    // Before the save status wraps the sync handler: it sees every sync message as before.
    this.#stopReceivedUpdates = applyServerUpdatesAsReceived(this.provider)
    // The server answers a refused write with y-protocols' "permission denied" auth message,
    // naming the notes it refused (the rest of the write stayed).
    this.#heldBack = new HeldBackNotes(this.stores.notes, () => this.#identity.id, (note, reason) => this.#holdBack(note, reason))
    this.provider.messageHandlers[MessageType.Auth] = (_encoder, decoder) => {
      if (decoding.readVarUint(decoder) !== 0) return
      const { reason, items } = parseDenial(decoding.readVarString(decoder))
      const code = refusalCodeOf(reason)
      this.refusals.emit(code)
      const notes = items.filter((item) => item.startsWith('note:')).map((item) => item.slice('note:'.length))
      if (notes.length > 0) this.#heldBack.refused(notes, code)
    }
    // Timeline marks for the benchmark (first render = page load + these + drawing).
    performance.mark('kokeileva:session')
    const onStatus = ({ status }: { status: string }) => {
      if (status !== 'connected') return
      performance.mark('kokeileva:socket-open')
      this.provider.off('status', onStatus)
    }
    this.provider.on('status', onStatus)
    const tracked = trackConnection(this.provider)
    this.connection = tracked.state
    this.#stopConnection = tracked.stop
    this.saves = new SaveGroup(new SaveTracker(this.doc, this.provider, this.connection))

    // The draft opens when the session turns silent (or at once, when this device has one),
    // and stays open: the server empties it into the board at the reveal.
    if (options.drafts && PERMISSIONS[this.role].writeContent) {
      const drafts = options.drafts
      const openWhenSilent = () => {
        if (this.stores.session.get().silent) this.#openDraft(drafts)
      }
      if (drafts.known()) this.#openDraft(drafts)
      else this.stores.session.subscribe(openWhenSilent)
      openWhenSilent()
    }
    this.draftCount.subscribe(() => this.presence.setDraftCount(this.draftCount.get()))
    // The board shows each author's current name (shared/board/names.ts): publish ours once
    // the board is here, and again whenever it changes.
    this.provider.on('sync', (synced: boolean) => {
      if (synced) this.#publishName()
    })
  }

  /**
   * Writes this user's display name into the board's names when one of their notes shows
   * another name; a board without their notes gets no write (their notes carry the name they
   * are written with).
   */
  #publishName(): void {
    if (!PERMISSIONS[this.role].writeContent || !this.provider.synced) return
    const { id, name } = this.#identity
    // The note store has read every note already (reading them all again costs as much).
    const notes = this.stores.notes
    const wanted = cleanAuthorName(name)
    let stale = false
    for (const note of notes.values()) {
      if (note.authorId === id && note.authorName !== wanted && !notes.isDraft(note.id)) {
        stale = true
        break
      }
    }
    if (stale) setAuthorName(this.doc, id, name, this.untrackedOrigin)
  }

  /** Whether this user's new notes go into the private draft right now. */
  get drafting(): boolean {
    return this.#draft !== null && this.stores.session.get().silent
  }

  /** The private draft's document, once open (tests, debugging). */
  get draftDoc(): Y.Doc | null {
    return this.#draft?.doc ?? null
  }

  #openDraft(drafts: DraftOptions): void {
    if (this.#draft) return
    const draft = new DraftConnection({
      boardId: this.boardId,
      token: this.#token,
      participantId: this.#identity.id,
      draftKey: drafts.key(),
      syncUrl: this.#options.syncUrl,
      WebSocketImpl: this.#options.WebSocketImpl,
      persistence: drafts.persistence,
      maxBackoffMs: this.#options.maxBackoffMs,
      onRefused: (reason) => this.refusals.emit(refusalCodeOf(parseDenial(reason).reason)),
    })
    this.#draft = draft
    this.stores.notes.attachDraft(draft.doc)
    // The server empties the draft only once the session is no longer silent (the reveal).
    const unobserve = observeBoard(draft.doc, (change) =>
      this.stores.notes.applyDraft(change, { revealing: change.origin === draft.provider && !this.stores.session.get().silent }),
    )
    this.undo.addDocument(draft.doc)
    const draftConnection = trackConnection(draft.provider)
    const draftSaves = new SaveTracker(draft.doc, draft.provider, draftConnection.state)
    this.saves.add(draftSaves)
    this.localWrites.set('draft', draft.localPending)
    this.#stopDraft = () => {
      unobserve()
      this.saves.remove(draftSaves)
      this.localWrites.set('draft', null)
      draftConnection.stop()
      draft.destroy()
    }
  }

  /**
   * A new note of this user's that the board refused (offline work after the phase moved on,
   * a full board) goes into their private draft, marked, instead of vanishing.
   */
  #holdBack(note: NoteData, reason: HeldBackReason): void {
    const drafts = this.#options.drafts
    if (!drafts || !PERMISSIONS[this.role].writeContent) return
    this.#openDraft(drafts)
    if (this.writer.holdBack(note, reason)) this.refusals.emit('held-back')
  }

  get identity(): Identity {
    return this.#identity
  }

  /**
   * The share token, for this board's HTTP calls (promote, export) as `Authorization: Bearer`;
   * never in a URL. It changes when the facilitator resets their own link (replaceToken).
   */
  get token(): string {
    return this.#token.get()
  }

  /**
   * Runs a change that may give this board a new token (a reset of the links that includes
   * the facilitator's own): `change` gets the token to call the server with and answers with
   * the new token, or null. The open connections — the board's and the draft's — were opened
   * with the old token; the server closes them with 4401, and they reconnect with the new one
   * instead of ending the board. Nothing is lost: edits made meanwhile wait in the document
   * and sync when the connection is back.
   */
  replaceToken<T>(change: (token: string) => Promise<{ token: string | null; result: T }>): Promise<T> {
    return this.#token.replace(change)
  }

  /**
   * Takes a new token of the same role that this device learned elsewhere (another tab reset
   * the facilitator's link): a connection the server closed, or closes, for the old one comes
   * back with it. Returns whether the token was taken.
   */
  adoptToken(token: string): boolean {
    const claims = readTokenClaims(token)
    if (!claims || claims.boardId !== this.boardId || claims.role !== this.role || token === this.token) return false
    this.#token.adopt(token)
    if (this.connection.get().kind === 'refused') this.reconnect()
    if (this.#draft && !this.#draft.provider.wsconnected && !this.#draft.provider.shouldConnect) this.#draft.provider.connect()
    return true
  }

  /** A new name or colour: presence shows it at once, and the board renames this user's notes. */
  setIdentity(identity: Identity): void {
    this.#identity = identity
    this.presence.setUser(identity)
    this.#publishName()
  }

  /** Tries to reconnect now (after "offline" or a refused link, on the user's request). */
  reconnect(): void {
    this.provider.connect()
  }

  destroy(): void {
    this.saves.destroy()
    this.localWrites.destroy()
    this.#stopConnection()
    this.#stopReceivedUpdates()
    this.countdown.destroy()
    this.votes.destroy()
    this.clock.destroy()
    this.presence.destroy()
    this.provider.destroy()
    this.awareness.destroy()
    this.undo.destroy()
    this.#heldBack.destroy()
    this.#stopDraft?.()
    this.stores.destroy()
    void this.#persistence?.destroy()
    this.doc.destroy()
  }
}

