import { describe, expect, it } from 'vitest'
import { createNote, getNote } from '@shared/board/index.ts'
import { MessageType, SyncMessageType } from '@shared/protocol.ts'
import { connectClient } from '../helpers/clients.ts'
import { BoardDriver } from './board-driver.ts'
import { browserSkipReason } from './browser.ts'
import { useBrowserAndServer } from './suite.ts'

const skipReason = browserSkipReason()
if (skipReason) console.warn(`[e2e] early connection skipped: ${skipReason}`)

/** Notes enough that the server sends the board in more than one message (its limit is ~1 MB). */
const NOTES = 3000
const BATCH = 250

/**
 * A board link opens its connection from the app's entry, before the board's code has run
 * (client/src/board/data/early-connection.ts), and the board takes that socket: one socket,
 * one sync step 1, every note, and edits go both ways on it.
 */
describe.skipIf(skipReason !== null)('the board’s early connection', () => {
  const suite = useBrowserAndServer()

  it('a new board link makes one socket and one sync step 1, gets every note, and edits travel both ways', async () => {
    const board = await suite.server.createBoard('Early')
    const other = connectClient(suite.server.syncUrl, board.id, board.tokens.facilitator)
    suite.onCleanup(() => other.destroy())
    await other.synced()
    for (let start = 0; start < NOTES; start += BATCH) {
      other.doc.transact(() => {
        for (let i = start; i < Math.min(NOTES, start + BATCH); i++) {
          createNote(other.doc, {
            x: (i % 60) * 200,
            y: Math.floor(i / 60) * 200,
            color: '#fde68a',
            text: `Note ${i} with some words to make it longer than a few bytes`,
            zone: null,
            authorId: 'seed',
            authorName: 'Seed',
          })
        }
      })
    }
    const context = await suite.newContext()
    const page = await context.newPage()
    const sockets: string[] = []
    const step1s: number[] = []
    page.on('websocket', (socket) => {
      sockets.push(socket.url())
      const index = sockets.length - 1
      step1s[index] = 0
      socket.on('framesent', ({ payload }) => {
        const bytes = typeof payload === 'string' ? Buffer.from(payload) : payload
        if (bytes[0] === MessageType.Sync && bytes[1] === SyncMessageType.Step1) step1s[index]! += 1
      })
    })
    await page.goto(suite.local(board.links.participant))
    const ben = new BoardDriver(page)
    await ben.waitForConnection('connected')
    await ben.waitForNotes((notes) => notes.length === NOTES, 30_000)
    // The socket the entry opened is the board's: no second one, no second step 1.
    expect(await page.evaluate(() => performance.getEntriesByName('kokeileva:early-socket-open').length)).toBe(1)
    expect(sockets).toHaveLength(1)
    expect(sockets[0]).toMatch(/[?&]ticket=/)
    expect(sockets[0]).not.toMatch(/[?&]token=/)
    expect(step1s).toEqual([1])
    // Held by a worker (worker-socket.ts): the board's bytes come in while the page is busy.
    expect(page.workers().map((worker) => worker.url())).toEqual([expect.stringMatching(/\/assets\/socket-worker-/)])

    // A note written on the board reaches the other client, and the other way round.
    await ben.skipNamePrompt()
    const mine = await ben.page.evaluate(() => window.kokeileva!.notes().length)
    expect(mine).toBe(NOTES)
    other.doc.transact(() => {
      createNote(other.doc, {
        x: 0,
        y: -400,
        color: '#fde68a',
        text: 'From the other side',
        zone: null,
        authorId: 'seed',
        authorName: 'Seed',
      })
    })
    await ben.waitForNotes((notes) => notes.some((note) => note.text === 'From the other side'))
    // At the canvas's left edge: the board (taller than the canvas is, for its width) leaves room there.
    const added = await ben.createNote(0.03, 0.5, 'From the page')
    await expect.poll(() => getNote(other.doc, added.id)?.text).toBe('From the page')
  })

  it('a participant link opened on the facilitator’s device opens one socket and asks for one ticket, as facilitator', async () => {
    const board = await suite.server.createBoard('Early, two roles')
    const context = await suite.newContext()
    const first = await context.newPage()
    await first.goto(suite.local(board.links.facilitator))
    await new BoardDriver(first).waitForConnection('connected')

    // The participant link from the workshop's chat, in a new tab: the device keeps the
    // facilitator's token, so the board opens as facilitator, and so must its first socket.
    const page = await context.newPage()
    const sockets: string[] = []
    const tickets: string[] = []
    page.on('websocket', (socket) => sockets.push(socket.url()))
    page.on('request', (request) => {
      if (request.url().includes('/ticket')) tickets.push(request.url())
    })
    await page.goto(suite.local(board.links.participant))
    await new BoardDriver(page).waitForConnection('connected')
    expect(await page.evaluate(() => window.kokeileva?.role)).toBe('facilitator')
    expect(await page.evaluate(() => performance.getEntriesByName('kokeileva:early-socket-open').length)).toBe(1)
    expect(sockets).toHaveLength(1)
    expect(tickets).toHaveLength(1)
  })

  it('a socket worker that cannot be loaded leaves the board to connect on its own: every note, edits both ways', async () => {
    const board = await suite.server.createBoard('Early, no worker')
    const other = connectClient(suite.server.syncUrl, board.id, board.tokens.facilitator)
    suite.onCleanup(() => other.destroy())
    await other.synced()
    createNote(other.doc, {
      x: 0,
      y: 0,
      color: '#fde68a',
      text: 'Before',
      zone: null,
      authorId: 'seed',
      authorName: 'Seed',
    })
    const context = await suite.newContext()
    const page = await context.newPage()
    // As after a deploy that removed the worker's file, or offline with an older shell.
    await page.route('**/assets/socket-worker-*.js', (route) => route.fulfill({ status: 404, body: 'gone' }))
    const sockets: string[] = []
    page.on('websocket', (socket) => sockets.push(socket.url()))
    await page.goto(suite.local(board.links.participant))
    const ben = new BoardDriver(page)
    await ben.waitForConnection('connected')
    await ben.waitForNotes((notes) => notes.some((note) => note.text === 'Before'))
    // The early connection failed without a socket; the board opened its own.
    expect(sockets).toHaveLength(1)
    await ben.skipNamePrompt()
    const added = await ben.createNote(0.03, 0.5, 'From the page') // beside the one note, fitted in the middle
    await expect.poll(() => getNote(other.doc, added.id)?.text).toBe('From the page')
  })
})
