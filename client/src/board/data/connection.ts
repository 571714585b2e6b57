import type { WebsocketProvider } from 'y-websocket'
import { CloseCode } from '@shared/protocol.ts'
import { Store } from '../../lib/store.ts'

/** What the user is told about the link to the server. */
export type ConnectionState =
  /** The first connection is being made. */
  | { kind: 'connecting' }
  /**
   * The first connection failed (server down, a proxy without WebSocket upgrades); retrying.
   * Edits are kept on this device meanwhile: never shown as "saving" while nothing can save them.
   */
  | { kind: 'unreachable' }
  /** Synced with the server: edits reach everyone. */
  | { kind: 'connected' }
  /** The connection dropped; retrying. Edits are kept on this device meanwhile. */
  | { kind: 'reconnecting'; boardFull: boolean }
  /** The browser reports no network. */
  | { kind: 'offline' }
  /** The server refused for good (4401, 4403, 4404): retrying cannot help. */
  | { kind: 'refused'; code: number; reason: string }

function sameState(a: ConnectionState, b: ConnectionState): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

interface OnlineSource {
  isOnline(): boolean
  subscribe(listener: () => void): () => void
}

/** navigator.onLine and its events, where a browser provides them. */
export const browserOnline: OnlineSource = {
  isOnline: () => (typeof navigator === 'undefined' ? true : navigator.onLine !== false),
  subscribe(listener) {
    if (typeof window === 'undefined') return () => undefined
    window.addEventListener('online', listener)
    window.addEventListener('offline', listener)
    return () => {
      window.removeEventListener('online', listener)
      window.removeEventListener('offline', listener)
    }
  },
}

/** Follows a provider's events and the browser's online flag, as one ConnectionState. */
export function trackConnection(provider: WebsocketProvider, online: OnlineSource = browserOnline): {
  state: Store<ConnectionState>
  stop: () => void
} {
  const state = new Store<ConnectionState>({ kind: 'connecting' }, sameState)
  let everSynced = false
  let refused: { code: number; reason: string } | null = null
  let lastCloseCode: number | null = null
  let attemptFailed = false

  const recompute = () => {
    if (refused) state.set({ kind: 'refused', ...refused })
    else if (!online.isOnline()) state.set({ kind: 'offline' })
    else if (provider.synced) state.set({ kind: 'connected' })
    else if (everSynced) state.set({ kind: 'reconnecting', boardFull: lastCloseCode === CloseCode.BoardFull })
    else if (lastCloseCode === CloseCode.BoardFull) state.set({ kind: 'reconnecting', boardFull: true })
    else state.set(attemptFailed ? { kind: 'unreachable' } : { kind: 'connecting' })
  }
  const onSync = (synced: boolean) => {
    if (synced) {
      everSynced = true
      lastCloseCode = null
      refused = null // connected again after all (with a new token, or on the user's request)
    }
    recompute()
  }
  const onClose = (event: CloseEvent | null) => {
    lastCloseCode = event?.code ?? null
    attemptFailed = true
    recompute()
  }
  const onClosed = (event: { code: number; reason: string }) => {
    refused = event
    recompute()
  }
  provider.on('sync', onSync)
  provider.on('status', recompute)
  provider.on('connection-close', onClose)
  provider.on('closed', onClosed)
  const unsubscribeOnline = online.subscribe(recompute)
  recompute()
  return {
    state,
    stop() {
      provider.off('sync', onSync)
      provider.off('status', recompute)
      provider.off('connection-close', onClose)
      provider.off('closed', onClosed)
      unsubscribeOnline()
    },
  }
}
