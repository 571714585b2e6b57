import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import WebSocket from 'ws'
import * as Y from 'yjs'

/**
 * A lightweight y-websocket protocol client for crowded boards. It speaks the same protocol as
 * WebsocketProvider (sync step 1 and 2, updates, awareness with its 15-second renewal) and
 * makes its own edits in a real Y.Doc, but it does not integrate other clients' updates: it
 * only timestamps them. A full replica of a 200-client board costs the load generator tens of
 * microseconds per received update (Yjs computes state vectors over all 200 client ids), which
 * at 80,000 deliveries a second is more CPU than this two-core machine has; a probe costs a
 * few microseconds, so the generator does not become the bottleneck it is measuring.
 */
export class ProbeClient {
  readonly doc = new Y.Doc()
  synced = false
  /** Times the socket closed after it had opened. */
  closes = 0
  readonly #socket: WebSocket
  readonly #onRemoteUpdate: (update: Uint8Array) => void
  #awarenessClock = 0
  #awarenessTimer: NodeJS.Timeout | null = null

  constructor(
    serverUrl: string,
    room: string,
    params: Record<string, string>,
    onRemoteUpdate: (update: Uint8Array) => void,
  ) {
    this.#onRemoteUpdate = onRemoteUpdate
    const query = new URLSearchParams(params).toString()
    this.#socket = new WebSocket(`${serverUrl}/${room}${query ? `?${query}` : ''}`)
    this.#socket.binaryType = 'nodebuffer'
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== this) this.#send(syncMessage(2, update))
    })
    this.#socket.on('open', () => {
      this.#send(syncMessage(0, Y.encodeStateVector(this.doc)))
      this.#sendAwareness()
      // y-protocols renews a client's awareness state every 15 s so that others keep it.
      this.#awarenessTimer = setInterval(() => this.#sendAwareness(), 15_000)
    })
    this.#socket.on('message', (data: Buffer) => this.#receive(data))
    this.#socket.on('close', () => {
      this.closes++
      if (this.#awarenessTimer) clearInterval(this.#awarenessTimer)
    })
    this.#socket.on('error', () => undefined) // 'close' follows and is counted
  }

  #receive(data: Buffer): void {
    const decoder = decoding.createDecoder(data)
    const type = decoding.readVarUint(decoder)
    if (type !== 0) return // awareness, auth and query-awareness are not timed
    const syncType = decoding.readVarUint(decoder)
    const payload = decoding.readVarUint8Array(decoder)
    if (syncType === 0) {
      // The server's step 1: answer with what it lacks of our own edits.
      this.#send(syncMessage(1, Y.encodeStateAsUpdate(this.doc, payload)))
    } else if (syncType === 1) {
      this.synced = true
    } else if (syncType === 2) {
      this.#onRemoteUpdate(payload)
    }
  }

  #sendAwareness(): void {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, 1)
    const update = encoding.createEncoder()
    encoding.writeVarUint(update, 1)
    encoding.writeVarUint(update, this.doc.clientID)
    encoding.writeVarUint(update, ++this.#awarenessClock)
    encoding.writeVarString(update, '{}')
    encoding.writeVarUint8Array(encoder, encoding.toUint8Array(update))
    this.#send(encoding.toUint8Array(encoder))
  }

  #send(message: Uint8Array): void {
    if (this.#socket.readyState === WebSocket.OPEN) this.#socket.send(message)
  }

  destroy(): void {
    if (this.#awarenessTimer) clearInterval(this.#awarenessTimer)
    this.#socket.close()
    this.doc.destroy()
  }
}

function syncMessage(syncType: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0)
  encoding.writeVarUint(encoder, syncType)
  encoding.writeVarUint8Array(encoder, payload)
  return encoding.toUint8Array(encoder)
}
