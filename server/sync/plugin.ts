import websocket from '@fastify/websocket'
import fp from 'fastify-plugin'
import type { WebSocket } from 'ws'
import { CloseCode } from '@shared/protocol.ts'
import { recordBoardFor } from '../accounts/record-board.ts'
import { BoardRules } from '../boards/rules/index.ts'
import { allowedOrigins } from '../config.ts'
import type { RoomPolicy } from './policy.ts'
import type { SyncSocket } from './socket.ts'
import { SyncServer } from './sync-server.ts'

/** How long a closed-but-unresponsive peer keeps its socket before it is cut. */
const CLOSE_GRACE_MS = 10_000

/** What of ws's internals a pre-framed write needs (ws 8: the connection's net.Socket). */
interface WsInternals {
  _socket?: { write(data: Uint8Array): boolean } | null
}

/**
 * A frame built once for many sockets (ws-frame.ts) is written straight to the connection's
 * TCP socket: what ws.send would write for the same message, less its per-send framing. Only
 * without extensions (permessage-deflate frames differently), and only while the WebSocket is
 * open; ws writes its own frames to the same stream synchronously, so the order is kept, and
 * bufferedAmount counts these bytes as well.
 */
function frameWriter(socket: WebSocket): ((frame: Uint8Array) => void) | undefined {
  const internals = socket as unknown as WsInternals
  const tcp = internals._socket
  if (!tcp || typeof tcp.write !== 'function') return undefined
  if (socket.extensions !== '') return undefined
  return (frame) => {
    if (socket.readyState === socket.OPEN) tcp.write(frame)
  }
}

function adaptSocket(socket: WebSocket): SyncSocket {
  return {
    send(data) {
      socket.send(data, { binary: true })
    },
    sendFrame: frameWriter(socket),
    close(code, reason) {
      if (socket.readyState === socket.OPEN || socket.readyState === socket.CONNECTING) socket.close(code, reason)
      setTimeout(() => socket.terminate(), CLOSE_GRACE_MS).unref()
    },
    ping() {
      if (socket.readyState === socket.OPEN) socket.ping()
    },
    terminate() {
      socket.terminate()
    },
    get bufferedAmount() {
      return socket.bufferedAmount
    },
    get isOpen() {
      return socket.readyState === socket.OPEN
    },
  }
}

function toBytes(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data)
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data
}

/**
 * The thin adapter between Fastify's WebSocket route and the framework-free SyncServer.
 * The route has no schema on purpose: a refused connection must be upgraded and closed with
 * its code (4401/4403/4404), which an HTTP 400 from validation would prevent; the sync
 * server validates the board id and token itself.
 */
export const syncPlugin = fp(
  async (app) => {
    const { config } = app
    const sync: SyncServer = new SyncServer(
      {
        boards: app.storage.boards,
        relay: app.relay,
        access: app.access,
        log: app.log,
        touched: (boardId) => {
          app.storage.lifecycle.touch(boardId, Date.now()).catch((error: unknown) => {
            // Only retention reads it; the next connect or disconnect records it again.
            app.log.warn({ err: error, boardId }, 'recording when the board was last used failed')
          })
        },
      },
      {
        maxClients: config.MAX_CLIENTS_PER_BOARD,
        maxMessageBytes: config.MAX_MESSAGE_BYTES,
        maxSyncMessageBytes: config.MAX_SYNC_MESSAGE_BYTES,
        sendBufferLimitBytes: config.SEND_BUFFER_LIMIT_BYTES,
        heartbeatMs: config.HEARTBEAT_MS,
        idleUnloadMs: config.IDLE_UNLOAD_MS,
        docIdleMs: config.DOC_IDLE_MS,
        compactAfterUpdates: config.COMPACT_AFTER_UPDATES,
        awarenessStateMaxChars: 16 * 1024,
        allowedOrigins: allowedOrigins(config),
        // Called when a room loads, by which time `rules` exists: the rules need the registry.
        createPolicy: (room): RoomPolicy => rules.createPolicy(room),
        admitted: (boardId, conn) => {
          if (conn.user) void recordBoardFor(app.storage.accounts, conn.log, conn.user.id, boardId, conn.role)
        },
      },
    )
    const rules: BoardRules = new BoardRules({
      rooms: sync.rooms,
      boards: app.storage.boards,
      budget: { maxNotes: config.BOARD_MAX_NOTES, maxBytes: config.BOARD_MAX_BYTES },
      log: app.log,
    })
    app.decorate('sync', sync)

    await app.register(websocket, {
      // The largest frame is a client's sync step 2; the sync server checks each message's own limit.
      options: { maxPayload: Math.max(config.MAX_MESSAGE_BYTES, config.MAX_SYNC_MESSAGE_BYTES) },
      errorHandler(error, socket, request) {
        // ws already closed the socket with the right code (1009, 1002 …) where it could.
        request.log.warn(
          { err: { message: error.message, code: (error as NodeJS.ErrnoException).code } },
          'websocket error',
        )
        if (socket.readyState === socket.OPEN) socket.close(CloseCode.InternalError, 'server error')
      },
      // Our own shutdown closes the sockets with 1001 after refusing new ones.
      preClose(done) {
        sync.close().then(() => done(), done)
      },
    })

    // Fastify's two request lines per connection attempt are left out (warnings still show):
    // a client refused again and again would otherwise fill the log. The sync server logs
    // what matters about connections itself.
    app.get('/sync/:boardId', { websocket: true, logLevel: 'warn' }, (socket, request) => {
      const { boardId } = request.params as { boardId: string }
      const { token, ticket, participant, draft } = request.query as {
        token?: unknown
        ticket?: unknown
        participant?: unknown
        draft?: unknown
      }
      const handle = sync.handleConnection(adaptSocket(socket), {
        boardId,
        token: typeof token === 'string' ? token : undefined,
        ticket: typeof ticket === 'string' ? ticket : undefined,
        origin: request.headers.origin,
        host: request.headers.host,
        address: request.ip,
        participant: typeof participant === 'string' ? participant : undefined,
        draft: typeof draft === 'string' ? draft : undefined,
        // Resolved from the session cookie of the upgrade request by the accounts plugin.
        user: request.user,
        session: request.sessionKey,
        signInRequired: !app.access.guestsAdmitted,
      })
      socket.on('message', (data, isBinary) => handle.receive(toBytes(data), isBinary))
      socket.on('pong', () => handle.pong())
      socket.on('close', () => handle.closed())
    })
  },
  { name: 'sync', dependencies: ['config', 'storage', 'relay', 'accounts'] },
)
