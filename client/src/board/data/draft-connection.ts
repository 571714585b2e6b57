import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import { WebsocketProvider } from 'y-websocket'
import { tokenSocket, type BoardToken } from './board-token.ts'
import { MessageType } from '@shared/protocol.ts'
import type { ReadableStore } from '../../lib/store.ts'
import type { LocalPersistence } from './board-session.ts'

export interface DraftConnectionOptions {
  boardId: string
  /** The board's token (shared with the board's connection: a reset of it reaches both). */
  token: BoardToken
  participantId: string
  /** This device's secret draft key for the board. */
  draftKey: string
  syncUrl: string
  WebSocketImpl?: typeof WebSocket | undefined
  persistence?: ((boardId: string, doc: Y.Doc) => LocalPersistence) | undefined
  maxBackoffMs?: number | undefined
  /** The server refused a write to the draft (for example the draft is full). */
  onRefused(reason: string): void
}

/**
 * This user's private draft of a board (silent mode): a document with only notes, synced to
 * the draft's own room on the server (`?draft=<key>` on the board's sync URL) and kept on
 * this device like the board. Nobody else's browser receives it; the server moves its notes
 * into the board when the facilitator reveals.
 */
export class DraftConnection {
  readonly doc = new Y.Doc()
  readonly provider: WebsocketProvider
  /** True while draft edits are still being written to this device's store; null without one. */
  readonly localPending: ReadableStore<boolean> | null
  readonly #persistence: LocalPersistence | null

  constructor(options: DraftConnectionOptions) {
    this.#persistence = options.persistence ? options.persistence(options.boardId, this.doc) : null
    this.localPending = this.#persistence?.pending ?? null
    const socket = tokenSocket(options.token, options.boardId, options.WebSocketImpl)
    this.provider = new WebsocketProvider(options.syncUrl, options.boardId, this.doc, {
      params: { participant: options.participantId, draft: options.draftKey },
      disableBc: true,
      maxBackoffTime: options.maxBackoffMs ?? 5000,
      shouldReconnect: socket.shouldReconnect,
      WebSocketPolyfill: socket.WebSocketPolyfill,
    })
    // Nobody else is in a draft's room: no presence to publish.
    this.provider.awareness.setLocalState(null)
    this.provider.messageHandlers[MessageType.Auth] = (_encoder, decoder) => {
      if (decoding.readVarUint(decoder) === 0) options.onRefused(decoding.readVarString(decoder))
    }
  }

  destroy(): void {
    this.provider.destroy()
    void this.#persistence?.destroy()
    this.doc.destroy()
  }
}
