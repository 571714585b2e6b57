import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { MessageType, SyncMessageType } from '@shared/protocol.ts'

/** Hand-built y-websocket messages, for tests that speak the protocol on a raw socket. */
export function syncMessage(syncType: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Sync)
  encoding.writeVarUint(encoder, syncType)
  encoding.writeVarUint8Array(encoder, payload)
  return encoding.toUint8Array(encoder)
}

export const updateMessage = (update: Uint8Array) => syncMessage(SyncMessageType.Update, update)
export const step1Message = (stateVector: Uint8Array) => syncMessage(SyncMessageType.Step1, stateVector)
export const step2Message = (update: Uint8Array) => syncMessage(SyncMessageType.Step2, update)

export function awarenessMessage(entries: Array<{ clientId: number; clock: number; state: unknown }>): Uint8Array {
  const inner = encoding.createEncoder()
  encoding.writeVarUint(inner, entries.length)
  for (const entry of entries) {
    encoding.writeVarUint(inner, entry.clientId)
    encoding.writeVarUint(inner, entry.clock)
    encoding.writeVarString(inner, JSON.stringify(entry.state))
  }
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Awareness)
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner))
  return encoding.toUint8Array(encoder)
}

export type ServerMessage =
  | { type: 'sync'; syncType: number; payload: Uint8Array }
  | { type: 'awareness'; payload: Uint8Array }
  | { type: 'auth'; denied: string }
  | { type: 'other'; messageType: number }

export function decodeServerMessage(data: Uint8Array): ServerMessage {
  const decoder = decoding.createDecoder(data)
  const type = decoding.readVarUint(decoder)
  if (type === MessageType.Sync) {
    const syncType = decoding.readVarUint(decoder)
    return { type: 'sync', syncType, payload: decoding.readVarUint8Array(decoder) }
  }
  if (type === MessageType.Awareness) return { type: 'awareness', payload: decoding.readVarUint8Array(decoder) }
  if (type === MessageType.Auth) {
    decoding.readVarUint(decoder)
    return { type: 'auth', denied: decoding.readVarString(decoder) }
  }
  return { type: 'other', messageType: type }
}
