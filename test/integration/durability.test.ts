import { rmSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { boardRoots, createNote, listNotes } from '@shared/board/index.ts'
import { CloseCode } from '@shared/protocol.ts'
import { startChildServer, type ChildServer } from '../helpers/child-server.ts'
import { connectClient, type TestClient } from '../helpers/clients.ts'
import { eventually } from '../helpers/poll.ts'
import { createBoardVia, tempDataDir } from '../helpers/server.ts'

const author = { authorId: 'p1', authorName: 'Aino', color: '#fde68a', zone: null }

describe('durability across crashes and restarts (server as a child process)', { timeout: 90_000 }, () => {
  const cleanups: Array<() => void | Promise<void>> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  function track<T extends ChildServer | TestClient>(value: T): T {
    cleanups.push(() => ('provider' in value ? value.destroy() : value.kill('SIGKILL')))
    return value
  }

  /** Note ids a client has received, recorded the moment they arrive. */
  function recordSeen(client: TestClient): Set<string> {
    const seen = new Set<string>()
    boardRoots(client.doc).notes.observe((event) => {
      for (const key of event.keysChanged) seen.add(key)
    })
    return seen
  }

  it('kill -9 in the middle of a burst loses no note that another client had seen', async () => {
    const dataDir = tempDataDir()
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }))
    const first = track(await startChildServer(dataDir))
    const board = await createBoardVia(first.url, 'Crash board')
    const writer = track(connectClient(first.syncUrl, board.id, board.tokens.participant))
    const observer = track(connectClient(first.syncUrl, board.id, board.tokens.viewer))
    await Promise.all([writer.synced(), observer.synced()])
    const seen = recordSeen(observer)

    let written = 0
    const burst = setInterval(() => {
      for (let i = 0; i < 5; i++) createNote(writer.doc, { ...author, x: written, y: i, text: `burst ${written++}` })
    }, 2)
    await eventually(() => expect(seen.size).toBeGreaterThan(150))
    first.kill('SIGKILL')
    clearInterval(burst)
    expect((await first.exited).signal).toBe('SIGKILL')
    const seenAtCrash = new Set(seen)
    // Neither client may resend anything: the restarted server must have it from its own disk.
    writer.provider.destroy()
    observer.provider.destroy()
    expect(written).toBeGreaterThanOrEqual(seenAtCrash.size)

    const second = track(await startChildServer(dataDir))
    const checker = track(connectClient(second.syncUrl, board.id, board.tokens.viewer))
    await checker.synced()
    const stored = new Set(listNotes(checker.doc).map((note) => note.id))
    const missing = [...seenAtCrash].filter((id) => !stored.has(id))
    expect(missing).toEqual([])
  })

  it('SIGTERM closes clients with 1001, flushes, exits 0, and a restart has everything', async () => {
    const dataDir = tempDataDir()
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }))
    const first = track(await startChildServer(dataDir))
    const board = await createBoardVia(first.url, 'Shutdown board')
    const writer = track(connectClient(first.syncUrl, board.id, board.tokens.participant))
    const observer = track(connectClient(first.syncUrl, board.id, board.tokens.viewer))
    await Promise.all([writer.synced(), observer.synced()])
    const seen = recordSeen(observer)
    const closes: number[] = []
    writer.provider.on('connection-close', (event) => {
      if (event) closes.push(event.code)
    })
    for (let i = 0; i < 200; i++) createNote(writer.doc, { ...author, x: i, y: 0, text: `note ${i}` })
    // Terminate while those updates are still arriving at the server.
    first.kill('SIGTERM')
    expect(await first.exited).toEqual({ code: 0, signal: null })
    await eventually(() => expect(closes).toContain(CloseCode.GoingAway))
    writer.provider.disconnect()
    observer.provider.destroy()
    const seenAtShutdown = new Set(seen)

    const second = track(await startChildServer(dataDir))
    const checker = track(connectClient(second.syncUrl, board.id, board.tokens.viewer))
    await checker.synced()
    const stored = new Set(listNotes(checker.doc).map((note) => note.id))
    expect([...seenAtShutdown].filter((id) => !stored.has(id))).toEqual([])
    // The writer still holds whatever the server had not accepted (the messages that reached
    // it after it began to shut down), and delivers it to the new server now.
    writer.provider.serverUrl = second.syncUrl
    writer.provider.connect()
    await eventually(() => expect(listNotes(checker.doc)).toHaveLength(200))
  })
})
