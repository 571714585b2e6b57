import WebSocket from 'ws'
import { afterAll, afterEach, beforeAll, expect } from 'vitest'
import { BoardSession, type BoardSessionOptions } from '../../client/src/board/data/board-session.ts'
import { eventually } from './poll.ts'
import { startServer, type TestServer } from './server.ts'

export const sessionIdentity = (name: string) => ({ id: `id-${name}`, name, color: '#2563eb' })

/** The client's data layer in Node over `ws`, reconnecting quickly; the caller destroys it. */
export function openBoardSession(
  syncUrl: string,
  boardId: string,
  token: string,
  name: string,
  options: Partial<BoardSessionOptions> = {},
): BoardSession {
  return new BoardSession({
    boardId,
    token,
    syncUrl,
    identity: sessionIdentity(name),
    WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket,
    maxBackoffMs: 200,
    ...options,
  })
}

/**
 * One real server for a test file, and the client's data layer (BoardSession: no React, no
 * DOM) opened against it by each test. A test's sessions are destroyed when it ends: every
 * live provider holds a process 'exit' listener.
 */
export function useSessionServer() {
  let server: TestServer
  const sessions: BoardSession[] = []
  beforeAll(async () => {
    server = await startServer()
  })
  afterEach(() => {
    for (const session of sessions.splice(0)) session.destroy()
  })
  afterAll(async () => {
    await server.close()
  })
  return {
    get server(): TestServer {
      return server
    },
    open(boardId: string, token: string, name: string, options: Partial<BoardSessionOptions> = {}): BoardSession {
      const session = openBoardSession(server.syncUrl, boardId, token, name, options)
      sessions.push(session)
      return session
    },
    connected: (session: BoardSession) => eventually(() => expect(session.connection.get().kind).toBe('connected')),
  }
}
