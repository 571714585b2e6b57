import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import type { Role } from '@shared/roles.ts'
import { BoardPolicy } from '../../server/boards/rules/board-policy.ts'
import { createNoRelay } from '../../server/relay/none.ts'
import { BoardConnection } from '../../server/sync/connection.ts'
import { BoardRoom } from '../../server/sync/room.ts'
import type { Logger, SyncSocket } from '../../server/sync/socket.ts'

/**
 * A BoardRoom driven by hand in a unit test: connections on sockets that record what the
 * room sends, flushes run by the test (`room.beginFlush()?.complete()`).
 */

export const silent: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => silent }

/** A socket that records what the room sends. */
export function fakeSocket(): SyncSocket & { sent: Uint8Array[] } {
  return {
    sent: [],
    send(data) {
      this.sent.push(data)
    },
    close() {},
    ping() {},
    terminate() {},
    bufferedAmount: 0,
    isOpen: true,
  }
}

/** The Yjs payloads of the sync messages of these types a socket received (2: update, 1: step 2). */
function payloadsIn(sent: readonly Uint8Array[], types: readonly number[]): Uint8Array[] {
  return sent.flatMap((message) => {
    const decoder = decoding.createDecoder(message)
    if (decoding.readVarUint(decoder) !== 0 || !types.includes(decoding.readVarUint(decoder))) return []
    return [decoding.readVarUint8Array(decoder)]
  })
}

/** The Yjs payloads of the sync "update" messages a socket received. */
export function updatesIn(sent: readonly Uint8Array[]): Uint8Array[] {
  return payloadsIn(sent, [2])
}

/** What a socket received of the board: sync step 2 and update payloads, in order. */
export function boardPayloadsIn(sent: readonly Uint8Array[]): Uint8Array[] {
  return payloadsIn(sent, [1, 2])
}

export async function roomWithClients(roles: Role[]) {
  const relay = await createNoRelay().subscribe('b1', {
    onUpdate() {},
    onAwareness() {},
    onResync() {},
    onAwarenessQuery() {},
  })
  const room = new BoardRoom({
    boardId: 'b1',
    board: { doc: new Y.Doc() },
    storedBytes: 0,
    relay,
    limits: { maxClients: 10, awarenessStateMaxChars: 1000, maxMessageBytes: 1 << 20 },
    createPolicy: (r) => new BoardPolicy(r, { budget: { maxNotes: 100, maxBytes: 1 << 20 }, onSilenceEnded() {} }),
    // The test drives flushes by hand.
    scheduleFlush() {},
    log: silent,
  })
  const sockets = roles.map(() => fakeSocket())
  const conns = roles.map((role, i) => new BoardConnection(sockets[i]!, role, silent, 1 << 20))
  for (const conn of conns) room.join(conn)
  for (const socket of sockets) socket.sent.length = 0
  return { room, sockets, conns }
}

/** Another connection joining the room, its socket's record cleared of the room's greeting. */
export function joinRoom(
  room: BoardRoom,
  role: Role,
): { socket: ReturnType<typeof fakeSocket>; conn: BoardConnection } {
  const socket = fakeSocket()
  const conn = new BoardConnection(socket, role, silent, 1 << 20)
  room.join(conn)
  socket.sent.length = 0
  return { socket, conn }
}

/** One client's edit as the update its provider would send. */
export function clientUpdate(edit: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc()
  let update: Uint8Array | null = null
  doc.on('update', (u: Uint8Array) => (update = u))
  edit(doc)
  if (!update) throw new Error('the edit made no update')
  return update
}
