import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import type { WebsocketProvider } from 'y-websocket'
import { MessageType, SyncMessageType } from '@shared/protocol.ts'

type UpdateListener = (update: Uint8Array, origin: unknown, doc: Y.Doc, transaction: Y.Transaction) => void

/**
 * Applies what the server sends (its sync step 2 and its updates) so that the document's
 * 'update' listeners get the received bytes, instead of Yjs encoding the transaction again
 * for them. Yjs encodes every transaction anew as soon as anyone listens for 'update', and
 * here y-websocket, y-indexeddb and the save status all do: for a board's first sync that is
 * the whole board written out once more, about a third of the time the browser spends taking
 * the board in (issue 17: 0.3 s of 1.0 s at 10,000 notes). The listeners lose nothing: the
 * provider's and the save status's ignore what the provider applied, and y-indexeddb stores
 * the received update, which applies to the same state (it may also hold what the document
 * already had, or structs still waiting for others: applying it again is harmless).
 *
 * Returns a function that puts the provider's own handler back.
 */
export function applyServerUpdatesAsReceived(provider: WebsocketProvider): () => void {
  const previous = provider.messageHandlers[MessageType.Sync]
  if (!previous) return () => undefined
  provider.messageHandlers[MessageType.Sync] = (encoder, decoder, messageProvider, emitSynced, messageType) => {
    const syncType = decoding.readVarUint(decoding.clone(decoder))
    if (syncType !== SyncMessageType.Step2 && syncType !== SyncMessageType.Update) {
      previous(encoder, decoder, messageProvider, emitSynced, messageType)
      return
    }
    // What y-websocket's handler does for these two (it answers neither).
    decoding.readVarUint(decoder)
    const update = decoding.readVarUint8Array(decoder)
    try {
      applyUpdateAsReceived(messageProvider.doc, update, messageProvider)
    } catch (error) {
      // As y-protocols does: a bad update or a failing observer must not end the socket's handler.
      console.error('Caught error while handling a Yjs update', error)
    }
    if (emitSynced && syncType === SyncMessageType.Step2 && !messageProvider.synced) messageProvider.synced = true
  }
  return () => {
    provider.messageHandlers[MessageType.Sync] = previous
  }
}

/**
 * `Y.applyUpdate(doc, update, origin)`, with the 'update' listeners given `update` itself for
 * the transaction it makes rather than Yjs's encoding of that transaction. Only that one
 * transaction: writes made by observers while it is cleaned up are their own transactions,
 * encoded and emitted as always. Yjs decides whether to encode just after emitting
 * 'afterTransactionCleanup', by whether anyone listens for 'update'; so the listeners are taken
 * off there, and put back (and given the update) before anything else runs: the next
 * transaction's observers or the end of all of them.
 */
export function applyUpdateAsReceived(doc: Y.Doc, update: Uint8Array, origin: unknown): void {
  const observers = (doc as unknown as { _observers: Map<string, Set<UpdateListener>> })._observers
  let applied: Y.Transaction | null = null
  let detached: Set<UpdateListener> | null = null
  const onCleanup = (transaction: Y.Transaction) => {
    restore()
    if (applied !== null || transaction.origin !== origin) return
    applied = transaction
    detached = observers.get('update') ?? null
    observers.delete('update')
  }
  const restore = () => {
    if (detached === null || applied === null) return
    const listeners = detached
    detached = null
    // Listeners added meanwhile (none are expected: only 'subdocs' listeners run) are kept.
    const added = observers.get('update')
    if (added) for (const listener of added) listeners.add(listener)
    observers.set('update', listeners)
    if (changedAnything(applied)) for (const listener of [...listeners]) listener(update, origin, doc, applied)
  }
  doc.on('afterTransactionCleanup', onCleanup)
  doc.on('beforeObserverCalls', restore)
  doc.on('afterAllTransactions', restore)
  try {
    Y.applyUpdate(doc, update, origin)
  } finally {
    restore()
    doc.off('afterTransactionCleanup', onCleanup)
    doc.off('beforeObserverCalls', restore)
    doc.off('afterAllTransactions', restore)
  }
}

/** Yjs's own test for whether a transaction has an update to emit (writeUpdateMessageFromTransaction). */
function changedAnything(transaction: Y.Transaction): boolean {
  if (transaction.deleteSet.clients.size > 0) return true
  for (const [client, clock] of transaction.afterState) if (transaction.beforeState.get(client) !== clock) return true
  return false
}
