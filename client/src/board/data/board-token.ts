import { CloseCode, isPermanentClose } from '@shared/protocol.ts'
import { takeEarly } from './early-connection.ts'
import { requestTicket, ticketedWebSocket } from './ticket-socket.ts'

/**
 * The share token an open board holds. It changes while the board is open when its
 * facilitator resets their own link too: the server then closes every connection of the old
 * facilitator token with 4401 — this browser's own among them, before its answer with the new
 * token arrives. The board's sockets therefore remember which token each was opened with, and
 * a 4401 for a token that is being replaced, or was replaced since, is a reason to reconnect
 * with the new one rather than the end of the board.
 */
export class BoardToken {
  #value: string
  #change: Promise<unknown> | null = null

  constructor(value: string) {
    this.#value = value
  }

  get(): string {
    return this.#value
  }

  /** Whether a change of the token is under way (the server may answer it any moment). */
  get changing(): boolean {
    return this.#change !== null
  }

  /** The token to open the next connection with: the new one, once a change under way is over. */
  async settled(): Promise<string> {
    while (this.#change) await this.#change.catch(() => undefined)
    return this.#value
  }

  /**
   * Runs `change` with the current token; when it resolves with a new token, that is the
   * token from then on. One change at a time: a second waits for the first.
   */
  async replace<T>(change: (token: string) => Promise<{ token: string | null; result: T }>): Promise<T> {
    // Without a change under way, `changing` is true from this call on (no await before it).
    while (this.#change) await this.#change.catch(() => undefined)
    const run = change(this.#value)
    this.#change = run
    try {
      const { token, result } = await run
      if (token !== null) this.#value = token
      return result
    } finally {
      this.#change = null
    }
  }

  /** A new token learned elsewhere (another tab of this device reset the link). */
  adopt(token: string): void {
    this.#value = token
  }

  /** Whether a socket opened with `token` was refused because of a change of the token. */
  superseded(token: string | null): boolean {
    return this.#change !== null || (token !== null && token !== this.#value)
  }
}

/**
 * What a board's WebSocket provider needs to prove the board's token: a WebSocket class that
 * authenticates each new socket with the token as it is then, and the reconnect rule that
 * keeps a socket of a replaced token from ending the board.
 *
 * In the browser each socket fetches a single-use ticket first (ticket-socket.ts), so the
 * long-lived token never appears in a URL a proxy logs; a given WebSocket class (Node: tests,
 * benchmarks) sends `?token=` itself, as outside y-websocket clients do.
 *
 * `earlyAfter` (the board's own connection, not the draft's): the first socket may be the one
 * the app's entry opened already (early-connection.ts); the server's messages on it are
 * handed over once `earlyAfter` (the local copy's loading) has settled.
 */
export function tokenSocket(
  token: BoardToken,
  boardId: string,
  WebSocketImpl: typeof WebSocket | undefined,
  earlyAfter?: Promise<unknown>,
): { WebSocketPolyfill: typeof WebSocket; shouldReconnect: (event: CloseEvent) => boolean } {
  let openedWith: string | null = null
  const shouldReconnect = (event: CloseEvent) =>
    !isPermanentClose(event.code) || (event.code === CloseCode.Unauthorized && token.superseded(openedWith))
  if (!WebSocketImpl) {
    const WebSocketPolyfill = ticketedWebSocket(
      async () => {
        const current = await token.settled()
        openedWith = current
        return requestTicket(boardId, current)
      },
      undefined,
      // The first socket may have been opened already, while the board's code loaded.
      (url) => {
        if (!earlyAfter || token.changing) return null
        const early = takeEarly(url, token.get(), earlyAfter)
        if (early) openedWith = token.get()
        return early as unknown as WebSocket | null
      },
    )
    return { WebSocketPolyfill, shouldReconnect }
  }
  const Base = WebSocketImpl as unknown as new (url: string | URL, protocols?: string | string[]) => WebSocket
  class TokenWebSocket extends Base {
    constructor(url: string | URL, protocols?: string | string[]) {
      const address = new URL(url)
      const current = token.get()
      address.searchParams.set('token', current)
      super(address.toString(), protocols)
      openedWith = current
    }
  }
  return { WebSocketPolyfill: TokenWebSocket as unknown as typeof WebSocket, shouldReconnect }
}
