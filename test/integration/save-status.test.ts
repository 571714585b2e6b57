import WebSocket from 'ws'
import { afterEach, describe, expect, it } from 'vitest'
import { BoardSession } from '../../client/src/board/data/board-session.ts'
import type { SaveStatus } from '../../client/src/board/data/save-status.ts'
import { createSqliteStorage } from '../../server/storage/sqlite/index.ts'
import type { Storage } from '../../server/storage/types.ts'
import { MessageType } from '@shared/protocol.ts'
import { eventually } from '../helpers/poll.ts'
import { startServer, tempDataDir, type TestServer } from '../helpers/server.ts'

/** SQLite storage whose update appends can be held until the test lets them through. */
function stallableStorage(dataDir: string) {
  const real = createSqliteStorage(dataDir)
  let release: (() => void) | null = null
  let gate: Promise<void> | null = null
  const held = { appends: 0 }
  const storage: Storage = {
    kind: 'sqlite',
    boards: {
      createBoard: (board, state) => real.boards.createBoard(board, state),
      getBoard: (id) => real.boards.getBoard(id),
      loadBoardState: (id) => real.boards.loadBoardState(id),
      compactBoard: (id, merge) => real.boards.compactBoard(id, merge),
      loadDraftState: (boardId, draftId) => real.boards.loadDraftState(boardId, draftId),
      listDrafts: (boardId) => real.boards.listDrafts(boardId),
      compactDraft: (boardId, draftId, merge) => real.boards.compactDraft(boardId, draftId, merge),
      async appendUpdates(batch) {
        if (gate) {
          held.appends++
          await gate
        }
        return real.boards.appendUpdates(batch)
      },
    },
    ideas: real.ideas,
    templates: real.templates,
    digests: real.digests,
    webhooks: real.webhooks,
    lifecycle: real.lifecycle,
    accounts: real.accounts,
    ping: () => real.ping(),
    close: () => real.close(),
  }
  return {
    storage,
    held,
    stall() {
      gate = new Promise((resolve) => (release = resolve))
    },
    resume() {
      gate = null
      release?.()
    },
  }
}

/**
 * Sends query-awareness on the session's socket and waits for the server's answer. The server
 * handles one socket's messages in order and answers this one at once, so everything it would
 * have sent in reply to earlier messages has arrived (and been handled) by then.
 */
async function roundTrip(session: BoardSession): Promise<void> {
  const ws = session.provider.ws as unknown as WebSocket
  await new Promise<void>((resolve) => {
    const onMessage = (event: WebSocket.MessageEvent) => {
      const data = new Uint8Array(event.data as ArrayBuffer)
      if (data[0] !== MessageType.Awareness) return
      ws.removeEventListener('message', onMessage)
      resolve()
    }
    ws.addEventListener('message', onMessage)
    ws.send(Uint8Array.of(MessageType.QueryAwareness))
  })
}

describe('save status against a real server', () => {
  const cleanups: Array<() => unknown> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  async function setup() {
    const dataDir = tempDataDir()
    const stallable = stallableStorage(dataDir)
    const server: TestServer = await startServer({}, { dataDir, storage: stallable.storage })
    cleanups.push(() => server.close())
    const board = await server.createBoard('Saving')
    const session = new BoardSession({
      boardId: board.id,
      token: board.tokens.participant,
      syncUrl: server.syncUrl,
      identity: { id: 'id-aino', name: 'Aino', color: '#2563eb' },
      WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket,
      maxBackoffMs: 200,
    })
    cleanups.push(() => session.destroy())
    await eventually(() => expect(session.connection.get().kind).toBe('connected'))
    const seen: SaveStatus[] = []
    session.saves.status.subscribe(() => seen.push(session.saves.status.get()))
    return { session, stallable, seen }
  }

  it('goes saving → saved after an edit', async () => {
    const { session, seen } = await setup()
    expect(session.saves.status.get()).toBe('saved')
    session.writer.createNoteAt({ x: 100, y: 100 }, '#fde68a')
    expect(session.saves.status.get()).toBe('saving')
    await eventually(() => expect(session.saves.requestsSent).toBe(1))
    // A healthy server has answered the request by the time it answers a later message.
    await roundTrip(session)
    expect(session.saves.status.get()).toBe('saved')
    expect(seen).toEqual(['saving', 'saved'])
  })

  it('stays saving while storage is stalled, and turns saved once it resumes', async () => {
    const { session, stallable } = await setup()
    stallable.stall()
    const id = session.writer.createNoteAt({ x: 100, y: 100 }, '#fde68a')
    session.writer.editText(id, 0, 0, 'kept safe')
    await eventually(() => expect(stallable.held.appends).toBeGreaterThan(0))
    await eventually(() => expect(session.saves.requestsSent).toBeGreaterThan(0))
    // The server has read the request when it answers a later message; a healthy server would
    // have sent the reply before that answer (see the test above).
    await roundTrip(session)
    expect(session.saves.status.get()).toBe('saving')
    session.writer.editText(id, 9, 0, ' for sure')
    await eventually(() => expect(session.saves.requestsSent).toBeGreaterThan(1))
    await roundTrip(session)
    expect(session.saves.status.get()).toBe('saving')
    stallable.resume()
    await eventually(() => expect(session.saves.status.get()).toBe('saved'))
  })
})
