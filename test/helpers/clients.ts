import WebSocket from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { expect } from 'vitest'
import { listNotes } from '@shared/board/index.ts'
import { eventually } from './poll.ts'

export interface TestClient {
  doc: Y.Doc
  provider: WebsocketProvider
  /** Resolves when the first sync with the server completed. */
  synced(): Promise<void>
  destroy(): void
}

/**
 * Every live y-websocket provider in Node holds a process 'exit' listener; tests that keep
 * more than ten clients would otherwise get Node's listener-leak warning for what is no leak.
 * The limit follows the number of live test clients, so a real leak elsewhere still warns.
 */
let liveProviders = 0
const DEFAULT_MAX_LISTENERS = 10

/** A real, unmodified y-websocket provider running in Node over `ws`. */
export function connectClient(
  syncUrl: string,
  boardId: string,
  token: string,
  {
    doc = new Y.Doc(),
    connect = true,
    params = {},
    received,
  }: {
    doc?: Y.Doc
    connect?: boolean
    params?: Record<string, string>
    /** Every message the server sends this client is also pushed here, as raw bytes. */
    received?: Uint8Array[]
  } = {},
): TestClient {
  process.setMaxListeners(DEFAULT_MAX_LISTENERS + ++liveProviders)
  const provider = new WebsocketProvider(syncUrl, boardId, doc, {
    params: { ...params, token },
    WebSocketPolyfill: (received ? recordingWebSocket(received) : WebSocket) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 300,
    connect,
  })
  let destroyed = false
  return {
    doc,
    provider,
    synced: () => eventually(() => provider.synced, { timeoutMs: 10_000 }).then(() => undefined),
    destroy() {
      if (!destroyed) process.setMaxListeners(DEFAULT_MAX_LISTENERS + --liveProviders)
      destroyed = true
      provider.destroy()
      doc.destroy()
    },
  }
}

/** A `ws` WebSocket class that also keeps the raw bytes of every message it receives. */
function recordingWebSocket(sink: Uint8Array[]) {
  return class RecordingWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols)
      this.on('message', (data: Buffer) => sink.push(new Uint8Array(data)))
    }
  }
}

/** Connects several clients and waits until all have synced. */
export async function connectClients(
  syncUrl: string,
  boardId: string,
  token: string,
  count: number,
): Promise<TestClient[]> {
  const clients = Array.from({ length: count }, () => connectClient(syncUrl, boardId, token))
  await Promise.all(clients.map((client) => client.synced()))
  return clients
}

/** The whole document as JSON, for comparing replicas. */
/**
 * The visitor's presence reaches the watcher, and disappears from it when the visitor drops
 * without a goodbye (its socket terminated): the server must remove it and tell the others.
 * Destroys the visitor.
 */
export async function expectPresenceComesAndGoes(watcher: TestClient, visitor: TestClient): Promise<void> {
  await Promise.all([watcher.synced(), visitor.synced()])
  visitor.provider.awareness.setLocalStateField('user', { name: 'Veera', color: '#f00' })
  const visitorId = visitor.doc.clientID
  await eventually(() =>
    expect(watcher.provider.awareness.getStates().get(visitorId)).toEqual({ user: { name: 'Veera', color: '#f00' } }),
  )
  ;(visitor.provider.ws as unknown as WebSocket | null)?.terminate()
  visitor.provider.shouldConnect = false
  await eventually(() => expect(watcher.provider.awareness.getStates().has(visitorId)).toBe(false))
  visitor.destroy()
}

export function docJson(doc: Y.Doc): Record<string, unknown> {
  return {
    meta: doc.getMap('meta').toJSON(),
    session: doc.getMap('session').toJSON(),
    zones: doc.getMap('zones').toJSON(),
    notes: doc.getMap('notes').toJSON(),
  }
}

export interface RawSocket {
  socket: WebSocket
  /** Resolves with the close code once the server closed the socket. */
  closed: Promise<{ code: number; reason: string }>
  messages: Uint8Array[]
  opened: Promise<void>
}

/** A plain WebSocket, for speaking (or breaking) the protocol by hand. */
export function openRaw(url: string, headers: Record<string, string> = {}): RawSocket {
  const socket = new WebSocket(url, { headers })
  const messages: Uint8Array[] = []
  socket.on('message', (data: Buffer) => messages.push(new Uint8Array(data)))
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }))
  })
  const opened = new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve())
    socket.once('error', reject)
  })
  socket.on('error', () => undefined)
  return { socket, closed, messages, opened }
}

/** The texts of a document's notes, sorted (for comparing what replicas hold). */
export function noteTexts(doc: Y.Doc): string[] {
  return listNotes(doc)
    .map((note) => note.text)
    .sort()
}
