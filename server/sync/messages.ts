import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { MessageType, SyncMessageType } from '@shared/protocol.ts'
import { updateShapeProblem } from './update-shape.ts'

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

export class MessageDecodeError extends Error {
  override name = 'MessageDecodeError'
}

/**
 * Decodes and validates one WebSocket message. Throws MessageDecodeError for anything that is
 * not a well-formed y-websocket message, so that nothing malformed reaches the document:
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
      const payload = decoding.readVarUint8Array(decoder)
      if (syncType === SyncMessageType.Step1) {
        Y.decodeStateVector(payload)
        message = { type: 'sync-step1', stateVector: payload }
      } else if (syncType === SyncMessageType.Step2 || syncType === SyncMessageType.Update) {
        const problem = updateShapeProblem(Y.decodeUpdate(payload))
        if (problem !== null) throw new MessageDecodeError(`malformed update: ${problem}`)
        message = { type: syncType === SyncMessageType.Step2 ? 'sync-step2' : 'update', update: payload }
      } else {
        throw new MessageDecodeError(`unknown sync message type ${syncType}`)
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
      throw new MessageDecodeError(`unknown message type ${type}`)
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

function syncMessage(syncType: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Sync)
  encoding.writeVarUint(encoder, syncType)
  encoding.writeVarUint8Array(encoder, payload)
  return encoding.toUint8Array(encoder)
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  return syncMessage(SyncMessageType.Step1, Y.encodeStateVector(doc))
}

export function encodeSyncStep2(update: Uint8Array): Uint8Array {
  return syncMessage(SyncMessageType.Step2, update)
}

export function encodeUpdateMessage(update: Uint8Array): Uint8Array {
  return syncMessage(SyncMessageType.Update, update)
}

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
