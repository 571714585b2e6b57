import { describe, expect, it } from 'vitest'
import { CloseCode } from '@shared/protocol.ts'
import { BoardToken, tokenSocket } from '../../../client/src/board/data/board-token.ts'

/** A WebSocket class that only records the address it was opened with. */
class AddressOnly {
  static opened: string[] = []
  constructor(url: string | URL) {
    AddressOnly.opened.push(String(url))
  }
}

const close = (code: number) => ({ code, reason: '' }) as CloseEvent

/** Resolves what a test holds back until it says so. */
function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

describe('BoardToken: the open board’s token and a reset of it', () => {
  it('takes the new token once the change answers; null keeps the old one', async () => {
    const token = new BoardToken('old')
    expect(await token.replace(async (current) => ({ token: null, result: current }))).toBe('old')
    expect(token.get()).toBe('old')
    expect(await token.replace(async () => ({ token: 'new', result: 1 }))).toBe(1)
    expect(token.get()).toBe('new')
  })

  it('makes the next connection wait for a change under way, and keeps the old token when it fails', async () => {
    const token = new BoardToken('old')
    const answer = deferred<{ token: string | null; result: null }>()
    const change = token.replace(() => answer.promise)
    expect(token.changing).toBe(true)
    const next = token.settled()
    answer.resolve({ token: 'new', result: null })
    expect(await next).toBe('new')
    await change
    expect(token.changing).toBe(false)
    await expect(token.replace(() => Promise.reject(new Error('offline')))).rejects.toThrow('offline')
    expect(token.get()).toBe('new')
    expect(token.changing).toBe(false)
  })
})

describe('tokenSocket: who reconnects after a 4401', () => {
  it('a socket of a token being replaced, or replaced since, reconnects; any other 4401 ends the board', async () => {
    const token = new BoardToken('old')
    const socket = tokenSocket(token, 'board1', AddressOnly as unknown as typeof WebSocket)
    new socket.WebSocketPolyfill('ws://host/sync/board1?participant=p')
    expect(AddressOnly.opened.at(-1)).toBe('ws://host/sync/board1?participant=p&token=old')
    // Nothing changes: a 4401 is the end, as before; other closes reconnect.
    expect(socket.shouldReconnect(close(CloseCode.Unauthorized))).toBe(false)
    expect(socket.shouldReconnect(close(1006))).toBe(true)
    expect(socket.shouldReconnect(close(CloseCode.NotFound))).toBe(false)

    const answer = deferred<{ token: string | null; result: null }>()
    const change = token.replace(() => answer.promise)
    // The server closes the old token's sockets before it answers.
    expect(socket.shouldReconnect(close(CloseCode.Unauthorized))).toBe(true)
    expect(socket.shouldReconnect(close(CloseCode.NotFound))).toBe(false)
    answer.resolve({ token: 'new', result: null })
    await change
    // Or the close comes after the answer: the socket was still of the old token.
    expect(socket.shouldReconnect(close(CloseCode.Unauthorized))).toBe(true)
    new socket.WebSocketPolyfill('ws://host/sync/board1?participant=p')
    expect(AddressOnly.opened.at(-1)).toBe('ws://host/sync/board1?participant=p&token=new')
    // A socket of the new token refused is refused for good.
    expect(socket.shouldReconnect(close(CloseCode.Unauthorized))).toBe(false)
  })
})
