/**
 * The sync core talks to a minimal socket, so it runs on any transport: the Fastify route
 * adapts a `ws` WebSocket to this, tests may use anything else.
 */
export interface SyncSocket {
  send(data: Uint8Array): void
  /**
   * Optional: writes a message already framed as one WebSocket frame (ws-frame.ts), as is.
   * A transport offers it only where such a write is equivalent to send(): no extension
   * (compression) that would frame messages differently.
   */
  readonly sendFrame?: ((frame: Uint8Array) => void) | undefined
  /** Closes with a code and a short reason; a transport may terminate a peer that does not answer. */
  close(code: number, reason: string): void
  /** Sends a WebSocket ping; the transport reports the pong through ConnectionHandle.pong. */
  ping(): void
  /** Drops the connection at once, without a closing handshake (a peer that does not answer). */
  terminate(): void
  /** Bytes queued for sending that the peer has not taken yet. */
  readonly bufferedAmount: number
  readonly isOpen: boolean
}

/** The pino-compatible subset of a logger that the sync core uses. */
export interface Logger {
  debug(obj: object, msg?: string): void
  info(obj: object, msg?: string): void
  warn(obj: object, msg?: string): void
  error(obj: object, msg?: string): void
  child(bindings: Record<string, unknown>): Logger
}
