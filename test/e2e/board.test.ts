import { describe, expect, inject, it } from 'vitest'
import { listNotes } from '@shared/board/index.ts'
import { connectClient } from '../helpers/clients.ts'
import { eventually } from '../helpers/poll.ts'
import { startServer, tempDataDir } from '../helpers/server.ts'
import { browserSkipReason } from './browser.ts'
import { BoardDriver } from './board-driver.ts'
import { useBrowserAndServer } from './suite.ts'

const skipReason = browserSkipReason()
if (skipReason) console.warn(`[e2e] board journeys skipped: ${skipReason}`)

/** Whole journeys on the board in the system Chromium: two people, a viewer, a restart. */
describe.skipIf(skipReason !== null)('board in the browser', () => {
  const suite = useBrowserAndServer()
  const { newContext, local: link } = suite

  it('two people on one board: a note made in one page appears in the other, is edited and moved', async () => {
    const board = await suite.server.createBoard('Library ideas')
    const aino = await BoardDriver.open(await newContext(), link(board.links.facilitator))
    const ben = await BoardDriver.open(await newContext(), link(board.links.participant))
    // The facilitator's token left the address bar at once (it shows the participant link).
    expect(aino.page.url()).not.toContain(board.tokens.facilitator)

    const note = await aino.createNote(0.4, 0.5, 'Open on Sundays')
    await ben.waitForNotes((notes) => notes.some((n) => n.id === note.id && n.text === 'Open on Sundays'))
    // Screen readers (and the keyboard) get the note in the Notes panel.
    await ben.page.getByTestId('panel-button-notes').click()
    const list = ben.page.getByTestId('notes-panel')
    await expect.poll(() => list.getByRole('button', { name: /^Open on Sundays/ }).count()).toBe(1)
    await ben.page.getByTestId('panel-button-notes').click()
    await list.waitFor({ state: 'detached' })

    // Ben adds to the text in place.
    await ben.doubleClickNote(note)
    const editor = ben.page.getByRole('textbox', { name: 'Note text' })
    await editor.waitFor()
    await ben.page.keyboard.press('End')
    await ben.page.keyboard.type(' and evenings')
    await ben.page.keyboard.press('Escape')
    await aino.waitForNotes((notes) => notes.some((n) => n.id === note.id && n.text === 'Open on Sundays and evenings'))

    // Aino moves it; Ben sees it land.
    const before = (await aino.note(note.id))!
    await aino.dragNote(before, 200, 80)
    const moved = await ben.waitForNotes((notes) => notes.some((n) => n.id === note.id && n.x !== before.x))
    const after = moved.find((n) => n.id === note.id)!
    expect(after.x - before.x).toBeCloseTo(
      200 / (await aino.page.evaluate(() => window.kokeileva!.viewport().scale)),
      -1,
    )
    expect(after.y).toBeGreaterThan(before.y)
    // Ben sees Aino as a participant.
    await expect.poll(() => ben.page.locator('.avatars .avatar').count()).toBe(1)
  })

  it('a facilitator invites from the board: the copied participant link lets a second person write, and both show Saved', async () => {
    const board = await suite.server.createBoard('Invite journey')
    const facilitatorContext = await newContext()
    await facilitatorContext.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.server.url })
    const aino = await BoardDriver.open(facilitatorContext, link(board.links.facilitator))
    await aino.page.getByRole('button', { name: 'Invite' }).click()
    const dialog = aino.page.getByRole('dialog', { name: 'Invite people to this board' })
    await dialog.getByTestId('invite-participant').waitFor()
    expect(await dialog.getByTestId('invite-facilitator').count()).toBe(1)
    await dialog.getByRole('button', { name: 'Copy the Participant link' }).click()
    await dialog.getByText('Copied', { exact: true }).first().waitFor()
    const copied = await aino.page.evaluate(() => navigator.clipboard.readText())
    expect(copied).toContain(`/b/${board.id}#token=`)
    await aino.page.keyboard.press('Escape')

    const ben = await BoardDriver.open(await newContext(), link(copied))
    expect(await ben.page.evaluate(() => window.kokeileva?.role)).toBe('participant')
    // A first-timer on an empty board is told how to start; the hint goes with the first note.
    await ben.page.getByText('Double-click to add a note').waitFor()
    const note = await ben.createNote(0.5, 0.5, 'Invited and writing')
    await ben.page.getByTestId('empty-board-hint').waitFor({ state: 'detached' })
    await ben.page.locator('[data-testid="save-status"][data-state="saved"]').waitFor()
    await expect.poll(() => ben.page.getByTestId('save-status').textContent()).toBe('Saved')
    await aino.waitForNotes((notes) => notes.some((n) => n.id === note.id))
    await aino.page.locator('[data-testid="save-status"][data-state="saved"]').waitFor()
  })

  it("undo restores only one's own change", async () => {
    const board = await suite.server.createBoard('Undo')
    const aino = await BoardDriver.open(await newContext(), link(board.links.participant))
    const ben = await BoardDriver.open(await newContext(), link(board.links.participant))
    const mine = await aino.createNote(0.3, 0.5, 'mine')
    const theirs = await ben.createNote(0.7, 0.5, 'theirs')
    await aino.waitForNotes((notes) => notes.length === 2)
    await ben.waitForNotes((notes) => notes.length === 2)

    await aino.dragNote((await aino.note(mine.id))!, -100, 0)
    const mineMoved = (await ben.waitForNotes((notes) => notes.find((n) => n.id === mine.id)!.x !== mine.x)).find(
      (n) => n.id === mine.id,
    )!
    await ben.dragNote((await ben.note(theirs.id))!, 0, 120)
    const theirsMoved = (
      await aino.waitForNotes((notes) => notes.find((n) => n.id === theirs.id)!.y !== theirs.y)
    ).find((n) => n.id === theirs.id)!

    await aino.page.getByTestId('board-canvas').focus()
    await aino.page.keyboard.press('Control+z')
    await ben.waitForNotes((notes) => notes.find((n) => n.id === mine.id)!.x === mine.x)
    const afterUndo = await aino.waitForNotes((notes) => notes.find((n) => n.id === mine.id)!.x === mine.x)
    expect(mineMoved.x).not.toBe(mine.x)
    expect(afterUndo.find((n) => n.id === theirs.id)).toMatchObject({ x: theirsMoved.x, y: theirsMoved.y })
    expect(afterUndo.find((n) => n.id === theirs.id)!.text).toBe('theirs')
  })

  it('a viewer sees a read-only board and cannot create or move notes', async () => {
    const board = await suite.server.createBoard('Read only')
    const aino = await BoardDriver.open(await newContext(), link(board.links.facilitator))
    const note = await aino.createNote(0.5, 0.5, 'Look but do not touch')
    const vera = await BoardDriver.open(await newContext(), link(board.links.viewer))
    await vera.waitForNotes((notes) => notes.length === 1)
    await expect.poll(() => vera.page.getByTestId('viewer-banner').isVisible()).toBe(true)
    expect(await vera.page.getByRole('button', { name: 'Note', exact: true }).count()).toBe(0)

    const at = await vera.canvasPoint(0.2, 0.3)
    await vera.page.mouse.dblclick(at.x, at.y)
    await vera.page.keyboard.press('n')
    await vera.dragNote((await vera.note(note.id))!, 150, 150)
    await vera.page.keyboard.press('Delete')
    // Give any (wrong) write time to travel, then check both sides.
    const probe = await aino.createNote(0.8, 0.2, 'probe')
    await vera.waitForNotes((notes) => notes.some((n) => n.id === probe.id))
    const seenByViewer = await vera.notes()
    expect(seenByViewer.map((n) => n.text).sort()).toEqual(['Look but do not touch', 'probe'])
    expect(seenByViewer.find((n) => n.id === note.id)).toMatchObject({ x: note.x, y: note.y })
    expect(await aino.note(note.id)).toMatchObject({ x: note.x, y: note.y })
    expect(await vera.page.getByRole('textbox', { name: 'Note text' }).count()).toBe(0)
  })

  it('a note written while the connection is down survives a reload and syncs when it returns', async () => {
    const board = await suite.server.createBoard('Offline')
    const context = await newContext()
    let blocked = true
    // Playwright routes only the page's own sockets, not a worker's: without its socket worker
    // (as where one cannot load) the board connects from the page, where this blocks it.
    await context.route('**/assets/socket-worker-*.js', (route) => route.fulfill({ status: 404, body: '' }))
    await context.routeWebSocket(/\/sync\//, (socket) => {
      if (blocked) void socket.close({ code: 4500, reason: 'test: network down' })
      else socket.connectToServer()
    })
    const page = await context.newPage()
    await page.goto(link(board.links.participant))
    const aino = new BoardDriver(page)
    // The first connection failed: the header says so rather than "connecting" forever.
    await aino.page.locator('[data-testid="connection"][data-state="unreachable"]').waitFor()
    const offline = await aino.createNote(0.5, 0.5, 'written offline')
    // The header says when the note is kept on this device; only then is a reload safe.
    await page.locator('[data-testid="save-status"][data-local="kept"]').waitFor()
    await page.reload()
    // A reload on a busy machine boots the whole app again: allow it longer than a sync.
    await aino.waitForNotes((notes) => notes.some((n) => n.id === offline.id && n.text === 'written offline'), 20_000)
    blocked = false
    await aino.waitForConnection('connected')
    const check = connectClient(suite.server.syncUrl, board.id, board.tokens.viewer)
    await check.synced()
    await eventually(() => expect(listNotes(check.doc).map((n) => n.text)).toEqual(['written offline']))
    check.destroy()
  })

  it('after a server restart the page reconnects and keeps the edits made meanwhile', async () => {
    const dataDir = tempDataDir()
    let own = await startServer({}, { dataDir, clientDistDir: inject('clientDist') })
    const port = Number(new URL(own.url).port)
    try {
      const board = await own.createBoard('Restart')
      const url = board.links.participant.replace(/^https?:\/\/[^/]+/, own.url)
      const aino = await BoardDriver.open(await newContext(), url)
      const first = await aino.createNote(0.3, 0.5, 'before the restart')
      await own.close()
      await aino.waitForConnection('reconnecting')
      const second = await aino.createNote(0.7, 0.5, 'while the server was down')
      own = await startServer({}, { dataDir, port, clientDistDir: inject('clientDist') })
      await aino.waitForConnection('connected')
      const check = connectClient(own.syncUrl, board.id, board.tokens.viewer)
      await check.synced()
      await eventually(() =>
        expect(
          listNotes(check.doc)
            .map((n) => n.id)
            .sort(),
        ).toEqual([first.id, second.id].sort()),
      )
      check.destroy()
      expect((await aino.notes()).map((n) => n.text).sort()).toEqual([
        'before the restart',
        'while the server was down',
      ])
    } finally {
      await own.close()
    }
  })

  it('says clearly when a link is not valid, instead of reconnecting forever', async () => {
    const board = await suite.server.createBoard('Codes')
    const page = await (await newContext()).newPage()
    await page.goto(`${suite.server.url}/b/${board.id}#token=${board.id}.participant.${'A'.repeat(32)}`)
    await page.getByTestId('refused').waitFor()
    expect(await page.getByTestId('refused').getAttribute('data-code')).toBe('4401')
    await page.goto(
      `${suite.server.url}/b/NoSuchBoard1#token=${suite.server.app.tokens.sign('NoSuchBoard1', 'viewer')}`,
    )
    await page.getByRole('heading', { name: 'The board does not exist' }).waitFor()
  })
})
