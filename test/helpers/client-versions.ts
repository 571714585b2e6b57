import WebSocket from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider as WebsocketProvider1 } from 'y-websocket-1'
import { WebsocketProvider } from 'y-websocket'
import { SyncMessageType } from '@shared/protocol.ts'
import { expect } from 'vitest'
import { eventually } from './poll.ts'
import { decodeServerMessage, step1Message } from './protocol.ts'

/** The y-websocket client versions the protocol tests run: 1.5.4 (still common) and the current 3.x. */
export type ClientVersion = '1.5.4' | '3.1'
export const CLIENT_VERSIONS: readonly ClientVersion[] = ['1.5.4', '3.1']

/** What the tests use of either provider. */
export interface AnyProvider {
  readonly synced: boolean
  readonly wsconnected: boolean
  ws: unknown
  shouldConnect: boolean
  awareness: import('y-protocols/awareness').Awareness
  on(event: string, listener: (...args: never[]) => void): void
  connect(): void
  disconnect(): void
  destroy(): void
}

export interface VersionedClient {
  doc: Y.Doc
  provider: AnyProvider
  /** Every message the server sent this client, as raw bytes. */
  received: Uint8Array[]
  /** WebSocket connections the provider opened (each reconnect is one more). */
  readonly attempts: number
  /** When each attempt started (Date.now()). */
  readonly attemptTimes: readonly number[]
  synced(): Promise<void>
  destroy(): void
}

/**
 * A real, unmodified y-websocket provider of the given version in Node over `ws`, recording
 * what it receives and how often it connects. Reconnect timing is the library's own (no
 * maxBackoffTime override): the point of these tests is how real clients behave.
 */
export function connectVersionedClient(
  version: ClientVersion,
  url: string,
  boardId: string,
  params: Record<string, string>,
  { doc = new Y.Doc(), connect = true }: { doc?: Y.Doc; connect?: boolean } = {},
): VersionedClient {
  const received: Uint8Array[] = []
  const attemptTimes: number[] = []
  class CountingWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols)
      attemptTimes.push(Date.now())
      this.on('message', (data: Buffer) => received.push(new Uint8Array(data)))
    }
  }
  const Provider = (version === '1.5.4' ? WebsocketProvider1 : WebsocketProvider) as unknown as new (
    url: string,
    room: string,
    doc: Y.Doc,
    options: object,
  ) => AnyProvider
  process.setMaxListeners(process.getMaxListeners() + 1)
  const provider = new Provider(url, boardId, doc, {
    params,
    WebSocketPolyfill: CountingWebSocket,
    disableBc: true,
    connect,
  })
  let destroyed = false
  return {
    doc,
    provider,
    received,
    get attempts() {
      return attemptTimes.length
    },
    attemptTimes,
    synced: () => eventually(() => provider.synced, { timeoutMs: 10_000 }).then(() => undefined),
    destroy() {
      if (destroyed) return
      destroyed = true
      provider.destroy()
      doc.destroy()
      process.setMaxListeners(Math.max(10, process.getMaxListeners() - 1))
    },
  }
}

/** How many sync messages of this type a client received. */
export function countSync(received: readonly Uint8Array[], syncType: number): number {
  return received.map(decodeServerMessage).filter((m) => m.type === 'sync' && m.syncType === syncType).length
}

/**
 * One round trip with the server over a client's open socket: a sync step 1, answered with a
 * step 2. The server handles a connection's messages in order, so once the answer is here,
 * everything the client sent before was handled and the server's replies to it received.
 */
export async function serverRoundTrip(
  client: { doc: Y.Doc; provider: { ws: unknown } },
  received: readonly Uint8Array[],
): Promise<void> {
  const before = countSync(received, SyncMessageType.Step2)
  ;(client.provider.ws as { send(data: Uint8Array): void }).send(step1Message(Y.encodeStateVector(client.doc)))
  await eventually(() => expect(countSync(received, SyncMessageType.Step2)).toBeGreaterThan(before))
}
