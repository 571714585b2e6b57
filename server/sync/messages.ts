import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import type { Awareness } from 'y-protocols/awareness'
import { MessageType, SyncMessageType } from '@shared/protocol.ts'
import { splitUpdate } from './split-update.ts'
import { updateShapeProblem, type UpdateVisitor } from './update-bytes.ts'
import { putVarUint, varUintLength } from './varuint.ts'

/** One entry of an awareness update: a client's state at a clock. */
export interface AwarenessEntry {
  clientId: number
  clock: number
  /** The state as the client sent it (JSON text); "null" marks the client offline. */
  json: string
}

/** A decoded message from a client, validated down to the Yjs payload. */
export type ClientMessage =
  | { type: 'sync-step1'; stateVector: Uint8Array }
  | { type: 'sync-step2'; update: Uint8Array }
  | { type: 'update'; update: Uint8Array }
  | { type: 'awareness'; entries: AwarenessEntry[] }
  | { type: 'query-awareness' }
  /** Servers send auth messages; a client's is ignored. */
  | { type: 'auth' }
  /**
   * A message type (or sync message type) this server does not know, from a newer client or
   * an extension: ignored, as the reference server does, so that protocol additions do not
   * cut clients off. Its content is not read.
   */
  | { type: 'unknown'; messageType: number; syncType?: number }

export class MessageDecodeError extends Error {
  override name = 'MessageDecodeError'
}

/**
 * Decodes and validates one WebSocket message. Throws MessageDecodeError for a known message
 * type that is not well formed, so that nothing malformed reaches the document:
 * Yjs reads a delete set only after integrating structs, and a garbled tail would otherwise
 * leave half an update applied.
 */
export function decodeClientMessage(data: Uint8Array): ClientMessage {
  try {
    return decodeUnchecked(data)
  } catch (error) {
    if (error instanceof MessageDecodeError) throw error
    throw new MessageDecodeError(error instanceof Error ? error.message : 'undecodable message')
  }
}

function decodeUnchecked(data: Uint8Array): ClientMessage {
  const decoder = decoding.createDecoder(data)
  const type = decoding.readVarUint(decoder)
  let message: ClientMessage
  switch (type) {
    case MessageType.Sync: {
      const syncType = decoding.readVarUint(decoder)
      if (
        syncType !== SyncMessageType.Step1 &&
        syncType !== SyncMessageType.Step2 &&
        syncType !== SyncMessageType.Update
      ) {
        return { type: 'unknown', messageType: type, syncType }
      }
      const payload = decoding.readVarUint8Array(decoder)
      if (syncType === SyncMessageType.Step1) {
        Y.decodeStateVector(payload)
        message = { type: 'sync-step1', stateVector: payload }
      } else {
        const problem = updateShapeProblem(payload)
        if (problem !== null) throw new MessageDecodeError(`malformed update: ${problem}`)
        message = { type: syncType === SyncMessageType.Step2 ? 'sync-step2' : 'update', update: payload }
      }
      break
    }
    case MessageType.Awareness:
      message = { type: 'awareness', entries: decodeAwarenessUpdate(decoding.readVarUint8Array(decoder)) }
      break
    case MessageType.QueryAwareness:
      message = { type: 'query-awareness' }
      break
    case MessageType.Auth:
      // auth messages carry a reason string; accept and ignore whatever follows
      return { type: 'auth' }
    default:
      return { type: 'unknown', messageType: type }
  }
  if (decoding.hasContent(decoder)) throw new MessageDecodeError('trailing bytes after the message')
  return message
}

export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update)
  const count = decoding.readVarUint(decoder)
  const entries: AwarenessEntry[] = []
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder)
    const clock = decoding.readVarUint(decoder)
    const json = decoding.readVarString(decoder)
    JSON.parse(json) // throws on malformed state: the message is undecodable
    entries.push({ clientId, clock, json })
  }
  if (decoding.hasContent(decoder)) throw new MessageDecodeError('trailing bytes after the awareness update')
  return entries
}

export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId)
    encoding.writeVarUint(encoder, entry.clock)
    encoding.writeVarString(encoder, entry.json)
  }
  return encoding.toUint8Array(encoder)
}

/** A sync message's length: its type and sync type (a byte each), the payload's length, the payload. */
function syncMessageLength(payload: Uint8Array): number {
  return 2 + varUintLength(payload.byteLength) + payload.byteLength
}

/** A sync message, made in one allocation (a board's answer carries megabytes). */
function syncMessage(syncType: number, payload: Uint8Array): Uint8Array {
  const message = new Uint8Array(syncMessageLength(payload))
  message[0] = MessageType.Sync
  message[1] = syncType
  message.set(payload, putVarUint(message, 2, payload.byteLength))
  return message
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  return encodeSyncStep1Of(Y.encodeStateVector(doc))
}

/** A sync step 1 with an encoded state vector (of a board held as bytes: StoredState). */
export function encodeSyncStep1Of(stateVector: Uint8Array): Uint8Array {
  return syncMessage(SyncMessageType.Step1, stateVector)
}

export function encodeSyncStep2(update: Uint8Array): Uint8Array {
  return syncMessage(SyncMessageType.Step2, update)
}

export function encodeUpdateMessage(update: Uint8Array): Uint8Array {
  return syncMessage(SyncMessageType.Update, update)
}

/** Update messages carrying `update`, each within maxBytes: a larger update is split (splitUpdate). */
export function encodeUpdateMessages(update: Uint8Array, maxBytes: number): Uint8Array[] {
  if (syncMessageLength(update) <= maxBytes) return [encodeUpdateMessage(update)]
  return splitUpdate(update, maxBytes).map(encodeUpdateMessage)
}

/**
 * A sync step 2 within maxBytes per message: a larger one is split into update messages and a
 * final step 2, so that a y-websocket client counts itself synced only once it has everything.
 */
export function encodeSyncStep2Messages(update: Uint8Array, maxBytes: number, visitor?: UpdateVisitor): Uint8Array[] {
  if (syncMessageLength(update) <= maxBytes) return [encodeSyncStep2(update)]
  const pieces = splitUpdate(update, maxBytes, visitor)
  return pieces.map((piece, i) => (i === pieces.length - 1 ? encodeSyncStep2(piece) : encodeUpdateMessage(piece)))
}

/** The entries of these clients' current states (null for a client that has none). */
export function awarenessEntriesOf(awareness: Awareness, clientIds: Iterable<number>): AwarenessEntry[] {
  const entries: AwarenessEntry[] = []
  for (const clientId of clientIds) {
    const state = awareness.getStates().get(clientId)
    const clock = awareness.meta.get(clientId)?.clock ?? 0
    entries.push({ clientId, clock, json: state === undefined ? 'null' : JSON.stringify(state) })
  }
  return entries
}

/** Awareness update payloads holding `entries`, each fitting in a message of maxBytes (one, empty, for none). */
export function encodeAwarenessChunks(entries: readonly AwarenessEntry[], maxBytes: number): Uint8Array[] {
  const chunks: Uint8Array[] = []
  let chunk: AwarenessEntry[] = []
  let bytes = MESSAGE_HEADER_BYTES
  for (const entry of entries) {
    // clientId and clock are varUints of at most 8 bytes each, plus the string's length prefix
    const size = 3 * 8 + Buffer.byteLength(entry.json)
    if (bytes + size > maxBytes && chunk.length > 0) {
      chunks.push(encodeAwarenessEntries(chunk))
      chunk = []
      bytes = MESSAGE_HEADER_BYTES
    }
    chunk.push(entry)
    bytes += size
  }
  if (chunk.length > 0 || chunks.length === 0) chunks.push(encodeAwarenessEntries(chunk))
  return chunks
}

/** Message type, count and length prefixes around an awareness update. */
const MESSAGE_HEADER_BYTES = 24

export function encodeAwarenessMessage(awarenessUpdate: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Awareness)
  encoding.writeVarUint8Array(encoder, awarenessUpdate)
  return encoding.toUint8Array(encoder)
}

/** y-protocols/auth "permission denied": y-websocket clients log the reason. */
export function encodePermissionDenied(reason: string): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Auth)
  encoding.writeVarUint(encoder, 0)
  encoding.writeVarString(encoder, reason)
  return encoding.toUint8Array(encoder)
}
