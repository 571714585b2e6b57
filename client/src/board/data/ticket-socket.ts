import { CloseCode, CloseReason } from '@shared/protocol.ts'
import { SocketLike } from './socket-like.ts'

/** The close code a failed ticket request stands for, so the board shows the same refusal a socket would. */
export class TicketRefused extends Error {
  constructor(
    readonly code: number,
    readonly reason = 'no ticket',
  ) {
    super(`ticket refused (${code})`)
  }
}

/** Not a close code the server sends: the ticket request did not get through; the provider retries. */
const NETWORK_FAILURE = 4000

/**
 * Asks the server for a single-use ticket (POST /api/boards/:id/ticket). The long-lived token
 * travels in the Authorization header; only the ticket appears in the WebSocket URL, which
 * proxies write to their logs.
 */
export async function requestTicket(boardId: string, token: string): Promise<string> {
  let response: Response
  try {
    response = await fetch(`/api/boards/${encodeURIComponent(boardId)}/ticket`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      cache: 'no-store',
    })
  } catch {
    throw new TicketRefused(NETWORK_FAILURE)
  }
  if (response.ok) return ((await response.json()) as { ticket: string }).ticket
  const body = (await response.json().catch(() => null)) as { error?: string } | null
  if (response.status === 401) {
    if (body?.error === 'link_expired') throw new TicketRefused(CloseCode.LinkExpired)
    // GUEST_LINKS=false: the socket would be closed with 4401 "sign-in required"; so is this one.
    if (body?.error === 'sign_in_required') throw new TicketRefused(CloseCode.Unauthorized, CloseReason.SignInRequired)
    throw new TicketRefused(CloseCode.Unauthorized)
  }
  if (response.status === 403) throw new TicketRefused(CloseCode.Forbidden)
  if (response.status === 404) throw new TicketRefused(CloseCode.NotFound)
  throw new TicketRefused(NETWORK_FAILURE)
}

/**
 * A WebSocket class for y-websocket that fetches a fresh ticket before each connection: the
 * provider makes a new socket on every (re)connect, so each one gets its own ticket, and the
 * URL carries `ticket=` instead of `token=`. A refused ticket request closes the socket with
 * the code the server would have used (4401, 4404, 4410 …), so the board reacts the same way.
 * `adopt` may hand over a socket already opened for this address (early-connection.ts: the
 * first one, opened while the board's code loaded); no ticket is fetched for that one.
 */
export function ticketedWebSocket(
  fetchTicket: () => Promise<string>,
  Base: typeof WebSocket = WebSocket,
  adopt: (url: string) => WebSocket | null = () => null,
): typeof WebSocket {
  class TicketedWebSocket extends SocketLike {
    static readonly CONNECTING = 0
    static readonly OPEN = 1
    static readonly CLOSING = 2
    static readonly CLOSED = 3
    #socket: WebSocket | null = null
    #state = 0
    #closedByUs = false

    constructor(url: string | URL, protocols?: string | string[]) {
      super()
      const early = adopt(String(url))
      if (early) {
        this.#attach(early)
        return
      }
      fetchTicket().then(
        (ticket) => {
          if (this.#closedByUs) return
          const address = new URL(url)
          address.searchParams.delete('token')
          address.searchParams.set('ticket', ticket)
          this.#attach(new Base(address.toString(), protocols))
        },
        (error: unknown) =>
          error instanceof TicketRefused
            ? this.#closeWith(error.code, error.reason)
            : this.#closeWith(NETWORK_FAILURE, 'no ticket'),
      )
    }

    #attach(socket: WebSocket): void {
      socket.binaryType = this.binaryType
      socket.onopen = (event) => this.onopen?.(event)
      socket.onmessage = (event) => this.onmessage?.(event)
      socket.onerror = (event) => this.onerror?.(event)
      socket.onclose = (event) => this.onclose?.(event)
      this.#socket = socket
    }

    get readyState(): number {
      return this.#socket?.readyState ?? this.#state
    }

    get bufferedAmount(): number {
      return this.#socket?.bufferedAmount ?? 0
    }

    send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
      this.#socket?.send(data)
    }

    close(code?: number, reason?: string): void {
      this.#closedByUs = true
      if (this.#socket) this.#socket.close(code, reason)
      else this.#closeWith(code ?? 1000, reason ?? '')
    }

    #closeWith(code: number, reason: string): void {
      if (this.#state === 3) return
      this.#state = 3
      // Asynchronously, as a real socket's close event arrives.
      setTimeout(() => this.onclose?.({ code, reason, wasClean: false } as CloseEvent), 0)
    }
  }
  return TicketedWebSocket as unknown as typeof WebSocket
}
