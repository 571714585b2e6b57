import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import WebSocket from 'ws'
import * as Y from 'yjs'

/** Hocuspocus's message types (@hocuspocus/common): every message starts with the document name. */
const SYNC = 0
const AWARENESS = 1
const AUTH = 2
const SYNC_REPLY = 4
const AUTH_TOKEN = 0

/**
 * The probe client of bench/sync/probe-client.ts for Hocuspocus's protocol, for the crowded
 * board (workload b), where 200 full replicas would saturate the load generator: the messages
 * HocuspocusProvider sends (authentication, sync step 1 and 2, updates, awareness renewed every
 * 15 s), each prefixed with the document's name, and only timestamps what it receives.
 */
export class HocuspocusProbe {
  readonly doc = new Y.Doc()
  synced = false
  closes = 0
  readonly #socket: WebSocket
  readonly #name: string
  readonly #onRemoteUpdate: (update: Uint8Array) => void
  #awarenessClock = 0
  #awarenessTimer: NodeJS.Timeout | null = null

  constructor(serverUrl: string, name: string, onRemoteUpdate: (update: Uint8Array) => void) {
    this.#name = name
    this.#onRemoteUpdate = onRemoteUpdate
    this.#socket = new WebSocket(serverUrl)
    this.#socket.binaryType = 'nodebuffer'
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== this) this.#send(SYNC, (e) => this.#sync(e, 2, update))
    })
    this.#socket.on('open', () => {
      this.#send(AUTH, (e) => {
        encoding.writeVarUint(e, AUTH_TOKEN)
        encoding.writeVarString(e, '')
      })
      this.#send(SYNC, (e) => this.#sync(e, 0, Y.encodeStateVector(this.doc)))
      this.#sendAwareness()
      this.#awarenessTimer = setInterval(() => this.#sendAwareness(), 15_000)
    })
    this.#socket.on('message', (data: Buffer) => this.#receive(data))
    this.#socket.on('close', () => {
      this.closes++
      if (this.#awarenessTimer) clearInterval(this.#awarenessTimer)
    })
    this.#socket.on('error', () => undefined)
  }

  #receive(data: Buffer): void {
    const decoder = decoding.createDecoder(data)
    decoding.readVarString(decoder)
    const type = decoding.readVarUint(decoder)
    if (type !== SYNC && type !== SYNC_REPLY) return
    const syncType = decoding.readVarUint(decoder)
    const payload = decoding.readVarUint8Array(decoder)
    if (syncType === 0) {
      this.#send(SYNC_REPLY, (e) => this.#sync(e, 1, Y.encodeStateAsUpdate(this.doc, payload)))
    } else if (syncType === 1) {
      this.synced = true
    } else if (syncType === 2) {
      this.#onRemoteUpdate(payload)
    }
  }

  #sync(encoder: encoding.Encoder, syncType: number, payload: Uint8Array): void {
    encoding.writeVarUint(encoder, syncType)
    encoding.writeVarUint8Array(encoder, payload)
  }

  #sendAwareness(): void {
    this.#send(AWARENESS, (e) => {
      const update = encoding.createEncoder()
      encoding.writeVarUint(update, 1)
      encoding.writeVarUint(update, this.doc.clientID)
      encoding.writeVarUint(update, ++this.#awarenessClock)
      encoding.writeVarString(update, '{}')
      encoding.writeVarUint8Array(e, encoding.toUint8Array(update))
    })
  }

  #send(type: number, body: (encoder: encoding.Encoder) => void): void {
    if (this.#socket.readyState !== WebSocket.OPEN) return
    const encoder = encoding.createEncoder()
    encoding.writeVarString(encoder, this.#name)
    encoding.writeVarUint(encoder, type)
    body(encoder)
    this.#socket.send(encoding.toUint8Array(encoder))
  }

  destroy(): void {
    if (this.#awarenessTimer) clearInterval(this.#awarenessTimer)
    this.#socket.close()
    this.doc.destroy()
  }
}

/** The payload of a Hocuspocus sync "update" message (name, type 0, sync type 2), else null. */
export function hocuspocusUpdateOf(message: Uint8Array): Uint8Array | null {
  const decoder = decoding.createDecoder(message)
  decoding.readVarString(decoder)
  if (decoding.readVarUint(decoder) !== SYNC || decoding.readVarUint(decoder) !== 2) return null
  return decoding.readVarUint8Array(decoder)
}
