/**
 * A message sent to many connections, framed once.
 *
 * `ws` frames every send on its own: an options object, a Buffer view of the data, a header
 * buffer, and a corked pair of writes per socket. A broadcast sends the same bytes to every
 * connection of a board, so the frame (an unmasked, final, binary WebSocket frame: servers
 * never mask) is built once, header and payload in one buffer, and each socket that can take
 * it (SyncSocket.sendFrame) gets that buffer as one plain write. A socket that cannot (a test
 * transport, a connection with an extension such as compression) gets the message as usual.
 */
export class SharedMessage {
  readonly message: Uint8Array
  #frame: Uint8Array | null = null

  constructor(message: Uint8Array) {
    this.message = message
  }

  /** The whole WebSocket frame, built on first use. */
  get frame(): Uint8Array {
    return (this.#frame ??= wsBinaryFrame(this.message))
  }
}

/** FIN and the binary opcode (RFC 6455, 5.2). */
const FIN_BINARY = 0x82

/** `payload` as one unmasked binary WebSocket frame, header and payload in one buffer. */
export function wsBinaryFrame(payload: Uint8Array): Uint8Array {
  const length = payload.byteLength
  const header = length < 126 ? 2 : length < 65536 ? 4 : 10
  const frame = Buffer.allocUnsafe(header + length)
  frame[0] = FIN_BINARY
  if (header === 2) {
    frame[1] = length
  } else if (header === 4) {
    frame[1] = 126
    frame.writeUInt16BE(length, 2)
  } else {
    frame[1] = 127
    frame.writeUInt32BE(Math.floor(length / 2 ** 32), 2)
    frame.writeUInt32BE(length >>> 0, 6)
  }
  frame.set(payload, header)
  return frame
}
