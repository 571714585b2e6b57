type Listener<E> = ((event: E) => void) | null

/**
 * What y-websocket reads and sets on a WebSocket besides its methods: the state constants, the
 * binary type and the four handlers. The board's stand-ins for a WebSocket (the ticketed one,
 * ticket-socket.ts, and the early one, early-connection.ts) start from it.
 */
export class SocketLike {
  readonly CONNECTING = 0
  readonly OPEN = 1
  readonly CLOSING = 2
  readonly CLOSED = 3
  binaryType: BinaryType = 'arraybuffer'
  onopen: Listener<Event> = null
  onmessage: Listener<MessageEvent> = null
  onclose: Listener<CloseEvent> = null
  onerror: Listener<Event> = null
}
