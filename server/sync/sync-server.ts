import { isDraftKey, isParticipantId } from '@shared/ids.ts'
import { CloseCode, CloseReason, MessageType, SyncMessageType } from '@shared/protocol.ts'
import type { AccessCheck, AccessRefusal, BoardAccessService } from '../auth/board-access.ts'
import { isOriginAllowed } from '../auth/origin.ts'
import type { BoardGrant } from '../auth/tokens.ts'
import type { Relay } from '../relay/types.ts'
import type { BoardStore } from '../storage/types.ts'
import { BoardConnection, type SignedInPerson } from './connection.ts'
import { draftIdOf } from './draft-id.ts'
import { Refusals } from './refusals.ts'
import type { CreatePolicy } from './policy.ts'
import { RoomRegistry, type RoomRegistryOptions } from './room-registry.ts'
import type { BoardRoom } from './room.ts'
import type { Logger, SyncSocket } from './socket.ts'
import { UpdateWriter } from './update-writer.ts'

export interface SyncServerOptions extends RoomRegistryOptions {
  /**
   * Largest sync step 2 a client may send (its offline work comes in one), at least
   * maxMessageBytes; every other message is limited to maxMessageBytes.
   */
  maxSyncMessageBytes: number
  sendBufferLimitBytes: number
  /** Every connection is pinged this often; one silent for a whole interval is terminated. */
  heartbeatMs: number
  /** Browser origins allowed besides the request's own. */
  allowedOrigins: ReadonlySet<string>
  /** The rules of every room's writes: the sync core knows no board schema (policy.ts). */
  createPolicy: CreatePolicy
  /** Told of every connection admitted to a board (not a draft), after it joined. */
  admitted?(boardId: string, conn: BoardConnection): void
}

export interface SyncServerDeps {
  boards: BoardStore
  relay: Relay
  access: BoardAccessService
  log: Logger
  /** Called when a connection joins or leaves a board (its last use, for retention). */
  touched?: (boardId: string) => void
}

/** What the transport knows about a new WebSocket. */
export interface ConnectionRequest {
  boardId: string
  token: string | undefined
  /** `?ticket=`: a single-use ticket from POST /api/boards/:id/ticket, instead of a token. */
  ticket?: string | undefined
  /** The Origin header; browsers always send one. */
  origin: string | undefined
  /** The Host header, for the same-origin check. */
  host: string | undefined
  /** The client's address (behind a trusted proxy, the one it reports): refusals are throttled per address. */
  address?: string | undefined
  /** `?participant=`: the participant id the browser chose, if it sent one. */
  participant?: string | undefined
  /**
   * `?draft=`: the browser's secret draft key for this board. The connection then syncs the
   * participant's private draft (silent mode) instead of the board itself.
   */
  draft?: string | undefined
  /**
   * The signed-in person on the other end (AUTH=oidc: the session cookie of the upgrade
   * request), or null. Their id is the connection's participant id, whatever ?participant= says.
   */
  user?: SignedInPerson | null
  /** Share links alone do not admit (GUEST_LINKS=false): a connection without `user` is refused with 4401. */
  signInRequired?: boolean
  /** The key of the sign-in session `user` came from: signing out closes the connection (closeSession). */
  session?: string | null
}

/** The transport feeds a connection's events through this. */
export interface ConnectionHandle {
  receive(data: Uint8Array, isBinary: boolean): void
  /** The peer answered a ping. */
  pong(): void
  closed(): void
}

/** Messages that arrive while the board loads are kept, up to these limits. */
const EARLY_MESSAGES_MAX = 256
const EARLY_BYTES_MAX = 8 * 1024 * 1024

const ignoreEverything: ConnectionHandle = { receive() {}, pong() {}, closed() {} }

/**
 * The document server: authenticates connections, routes them to board rooms and owns the
 * writer. It knows nothing of HTTP frameworks; the Fastify route is a thin adapter.
 */
export class SyncServer {
  readonly rooms: RoomRegistry
  readonly writer: UpdateWriter
  readonly #deps: SyncServerDeps
  readonly #options: SyncServerOptions
  readonly #connections = new Set<BoardConnection>()
  /** Each connection's grant: which board and token generation it was admitted with. */
  readonly #grants = new WeakMap<BoardConnection, BoardGrant>()
  /** The sign-in session each signed-in connection was opened with. */
  readonly #sessions = new WeakMap<BoardConnection, string>()
  readonly #refusals: Refusals
  readonly #heartbeat: NodeJS.Timeout
  #closing = false

  constructor(deps: SyncServerDeps, options: SyncServerOptions) {
    this.#deps = deps
    this.#options = options
    this.writer = new UpdateWriter(deps.boards, deps.log)
    this.rooms = new RoomRegistry({
      boards: deps.boards,
      relay: deps.relay,
      writer: this.writer,
      options,
      createPolicy: options.createPolicy,
      log: deps.log,
    })
    this.#refusals = new Refusals(deps.log)
    this.#heartbeat = setInterval(() => {
      for (const conn of [...this.#connections]) conn.heartbeat()
    }, options.heartbeatMs)
    this.#heartbeat.unref()
  }

  get connectionCount(): number {
    return this.#connections.size
  }

  /**
   * Called synchronously when a socket opens. The token is checked before anything is
   * loaded; a refused socket is closed with its code (at once, or held a second when the same
   * client is refused again: see Refusals). Messages are accepted from the first moment and
   * buffered until the board is loaded, so none is lost.
   */
  handleConnection(socket: SyncSocket, request: ConnectionRequest): ConnectionHandle {
    const log = this.#deps.log.child({ boardId: request.boardId })
    const refusal = (code: number, reason: string): void =>
      this.#refusals.refuse(socket, { address: request.address, boardId: request.boardId, code }, reason, log)
    const refuse = (code: number, reason: string): ConnectionHandle => {
      refusal(code, reason)
      return { ...ignoreEverything, closed: () => this.#refusals.forget(socket) }
    }
    if (this.#closing) {
      socket.close(CloseCode.GoingAway, 'server is shutting down')
      return ignoreEverything
    }
    // A forged token is refused before storage is asked; a ticket can only be judged by storage.
    const signed: AccessCheck | null =
      request.ticket === undefined ? this.#deps.access.checkSignature(request.token, request.boardId) : null
    if (signed && !signed.ok) return refuse(...refusalOf(signed.reason))
    if (!isOriginAllowed(request.origin, request.host, this.#options.allowedOrigins)) {
      return refuse(CloseCode.Forbidden, 'origin not allowed')
    }
    const user = request.user ?? null
    if (request.signInRequired && !user) return refuse(CloseCode.Unauthorized, CloseReason.SignInRequired)
    if (request.draft !== undefined && !isDraftKey(request.draft)) {
      return refuse(CloseCode.Forbidden, 'malformed draft key')
    }

    let participantId: string | null = user?.id ?? null
    if (participantId === null && request.participant !== undefined) {
      if (isParticipantId(request.participant)) participantId = request.participant
      else log.info({ length: request.participant.length }, 'ignored a malformed participant id')
    }

    // Until the grant is known (storage answers) and the room is loaded, messages are kept.
    let conn: BoardConnection | null = null
    let room: BoardRoom | null = null
    let early: Uint8Array[] | null = []
    let earlyBytes = 0
    let socketClosed = false

    const closeEarly = (code: number, reason: string): void => {
      if (conn) conn.close(code, reason)
      else if (!socketClosed) {
        socketClosed = true
        early = null
        socket.close(code, reason)
      }
    }

    const receive = (data: Uint8Array, isBinary: boolean): void => {
      if (socketClosed || conn?.isClosed) return
      conn?.heard()
      if (!isBinary) {
        closeEarly(CloseCode.Unsupported, 'text frames are not part of the protocol')
      } else if (data.byteLength > this.#messageLimit(data)) {
        closeEarly(CloseCode.MessageTooBig, 'message too big')
      } else if (room && conn) {
        room.receive(conn, data)
      } else if (early) {
        earlyBytes += data.byteLength
        if (early.length >= EARLY_MESSAGES_MAX || earlyBytes > Math.max(EARLY_BYTES_MAX, this.#maxIncomingBytes)) {
          closeEarly(CloseCode.TryAgainLater, 'too many messages before the board loaded')
        } else {
          early.push(data)
        }
      }
    }

    const admitted = (grant: BoardGrant): void => {
      if (socketClosed) return
      let draftId: string | null = null
      if (request.draft !== undefined) {
        if (grant.role === 'viewer') {
          socketClosed = true
          refusal(CloseCode.Forbidden, 'viewers have no drafts')
          return
        }
        draftId = draftIdOf(request.boardId, request.draft)
      }
      const admittedConn = new BoardConnection(
        socket,
        grant.role,
        log,
        this.#options.sendBufferLimitBytes,
        participantId,
        user,
      )
      conn = admittedConn
      this.#connections.add(admittedConn)
      this.#grants.set(admittedConn, grant)
      if (user && request.session) this.#sessions.set(admittedConn, request.session)
      admittedConn.onClosed(() => {
        this.#connections.delete(admittedConn)
        if (!this.#closing) this.#deps.touched?.(grant.boardId)
      })
      this.rooms.acquire(request.boardId, draftId).then(
        (loaded) => {
          if (admittedConn.isClosed) return
          if (!loaded) {
            refusal(CloseCode.NotFound, 'no such board')
            admittedConn.markClosed()
            return
          }
          if (!loaded.join(admittedConn)) {
            refusal(CloseCode.BoardFull, 'board is full')
            admittedConn.markClosed()
            return
          }
          room = loaded
          this.#deps.touched?.(grant.boardId)
          admittedConn.log.debug({}, 'connected')
          if (draftId === null) this.#options.admitted?.(request.boardId, admittedConn)
          const buffered = early ?? []
          early = null
          for (const data of buffered) loaded.receive(admittedConn, data)
        },
        (error: unknown) => {
          admittedConn.log.error({ err: error }, 'board could not be loaded')
          admittedConn.close(CloseCode.InternalError, 'board could not be loaded')
        },
      )
    }

    const checked =
      request.ticket !== undefined
        ? this.#deps.access.redeemTicket(request.ticket, request.boardId)
        : this.#deps.access.checkGrant((signed as { ok: true; grant: BoardGrant }).grant)
    checked.then(
      (check) => {
        if (socketClosed) return
        if (check.ok) return admitted(check.grant)
        socketClosed = true
        early = null
        refusal(...refusalOf(check.reason))
      },
      (error: unknown) => {
        log.error({ err: error }, 'the access check failed')
        closeEarly(CloseCode.InternalError, 'board could not be loaded')
      },
    )

    return {
      receive,
      pong: () => conn?.heard(),
      closed: () => {
        early = null
        socketClosed = true
        this.#refusals.forget(socket)
        conn?.markClosed()
      },
    }
  }

  /**
   * Closes the connections of a board whose tokens are older than the board's generations now
   * (its links were reset): with 4401, as a refused token would be.
   */
  closeRevoked(boardId: string, generations: { links: number; facilitator: number }): number {
    let closed = 0
    for (const conn of [...this.#connections]) {
      const grant = this.#grants.get(conn)
      if (!grant || grant.boardId !== boardId) continue
      const current = grant.role === 'facilitator' ? generations.facilitator : generations.links
      if (grant.generation >= current) continue
      conn.close(CloseCode.Unauthorized, 'the link was reset')
      closed++
    }
    return closed
  }

  /**
   * Closes the connections a sign-in session opened (its person signed out) with 4401: they
   * spoke as that person, which this browser no longer is.
   */
  closeSession(sessionKey: string): number {
    let closed = 0
    for (const conn of [...this.#connections]) {
      if (this.#sessions.get(conn) !== sessionKey) continue
      conn.close(CloseCode.Unauthorized, CloseReason.SignedOut)
      closed++
    }
    return closed
  }

  /** Closes every connection of a board (and its drafts) with this code. */
  closeBoard(boardId: string, code: number, reason: string): number {
    let closed = 0
    for (const conn of [...this.#connections]) {
      if (this.#grants.get(conn)?.boardId !== boardId) continue
      conn.close(code, reason)
      closed++
    }
    return closed
  }

  /** The largest message the transport must accept: the sync step 2 limit. */
  get #maxIncomingBytes(): number {
    return Math.max(this.#options.maxMessageBytes, this.#options.maxSyncMessageBytes)
  }

  #messageLimit(data: Uint8Array): number {
    // Both varUints are single bytes for a sync step 2: [0, 1, length, update…].
    const isSyncStep2 = data[0] === MessageType.Sync && data[1] === SyncMessageType.Step2
    return isSyncStep2 ? this.#maxIncomingBytes : this.#options.maxMessageBytes
  }

  /** Shutdown: refuse new connections, close the open ones, make everything durable. */
  async close(): Promise<void> {
    this.#closing = true
    clearInterval(this.#heartbeat)
    this.#refusals.close()
    for (const conn of [...this.#connections]) conn.close(CloseCode.GoingAway, 'server is shutting down')
    this.#connections.clear()
    await this.writer.drain()
    await this.rooms.unloadAll()
    this.writer.close()
  }
}

/** The close code and reason of a refused token or ticket. */
function refusalOf(reason: AccessRefusal): [number, string] {
  switch (reason) {
    case 'other-board':
      return [CloseCode.Forbidden, 'token is for another board']
    case 'revoked':
      return [CloseCode.Unauthorized, 'the link was reset']
    case 'expired':
      return [CloseCode.LinkExpired, 'the link has expired']
    case 'missing':
      return [CloseCode.NotFound, 'no such board']
    case 'invalid':
      return [CloseCode.Unauthorized, 'missing or invalid token']
  }
}
