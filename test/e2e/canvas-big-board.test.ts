import { describe, expect, it } from 'vitest'
import { createNote, noteText, updateNote } from '@shared/board/index.ts'
import { connectClient, type TestClient } from '../helpers/clients.ts'
import { BoardDriver } from './board-driver.ts'
import { browserSkipReason } from './browser.ts'
import { useBrowserAndServer } from './suite.ts'

const skipReason = browserSkipReason()
if (skipReason) console.warn(`[e2e] big board skipped: ${skipReason}`)

const JOURNEY_TIMEOUT_MS = 120_000
const COLUMNS = 45
const ROWS = 45
const SPACING = 200
/** Notes a transaction writes (the server's message limit holds a few hundred). */
const BATCH = 250

/** Writes a COLUMNS × ROWS grid of notes through a real client; returns their ids by [row][column]. */
function seedGrid(client: TestClient): string[][] {
  const ids: string[][] = []
  for (let start = 0; start < COLUMNS * ROWS; start += BATCH) {
    client.doc.transact(() => {
      for (let i = start; i < Math.min(COLUMNS * ROWS, start + BATCH); i++) {
        const row = Math.floor(i / COLUMNS)
        const column = i % COLUMNS
        ;(ids[row] ??= [])[column] = createNote(client.doc, {
          x: column * SPACING,
          y: row * SPACING,
          color: '#fde68a',
          text: `Note ${row}/${column}`,
          zone: null,
          authorId: 'seed',
          authorName: 'Seed',
          createdAt: 1_700_000_000_000 + i,
        })
      }
    })
  }
  return ids
}

/** The notes the canvas has drawn since recording began (re-armed on every call: a fresh frame). */
async function drawnNow(driver: BoardDriver): Promise<Record<string, { lines: string[] }>> {
  return driver.page.evaluate(() => window.kokeileva!.drawn().notes)
}

/** Pans with trackpad scrolls (what a laptop user does) until the board point is in the middle of the canvas. */
async function panTo(driver: BoardDriver, point: { x: number; y: number }): Promise<void> {
  const middle = await driver.canvasPoint(0.5, 0.5)
  await driver.page.mouse.move(middle.x, middle.y)
  for (let step = 0; step < 200; step++) {
    const at = await driver.toPage(point)
    const dx = at.x - middle.x
    const dy = at.y - middle.y
    if (Math.abs(dx) < 20 && Math.abs(dy) < 20) return
    // Fractional deltas on both axes: a trackpad's scroll, which pans (a mouse wheel zooms).
    await driver.page.mouse.wheel(Math.max(-600, Math.min(600, dx)) + 0.5, Math.max(-600, Math.min(600, dy)) + 0.5)
    await expect
      .poll(async () => (await driver.toPage(point)).x !== at.x || (await driver.toPage(point)).y !== at.y)
      .toBe(true)
  }
  throw new Error('the view never reached the point')
}

/**
 * A board far bigger than the screen: the canvas draws only the notes near the view (found
 * through its spatial index) and all of them in one shape; these are the ways that could
 * lose a note.
 */
describe.skipIf(skipReason !== null)('a big board on the canvas', () => {
  const suite = useBrowserAndServer()

  /** A board seeded with the grid by another client (`other`), open for Ben with every note in. */
  async function openGrid(title: string) {
    const board = await suite.server.createBoard(title)
    const other = connectClient(suite.server.syncUrl, board.id, board.tokens.facilitator)
    suite.onCleanup(() => other.destroy())
    await other.synced()
    const ids = seedGrid(other)
    const ben = await BoardDriver.open(await suite.newContext(), suite.local(board.links.participant))
    await ben.skipNamePrompt()
    await ben.waitForNotes((notes) => notes.length === COLUMNS * ROWS, 30_000)
    return { other, ids, ben }
  }

  it(
    'notes beyond the first view are drawn when panned to, with what others changed meanwhile, at every zoom',
    async () => {
      const { other, ids, ben } = await openGrid('Big board')

      // At 100 %, on the top left corner: the far corner is neither mounted nor drawn.
      const canvas = ben.page.getByTestId('board-canvas')
      await canvas.focus()
      await ben.page.keyboard.press('0')
      await expect.poll(async () => (await ben.page.evaluate(() => window.kokeileva!.viewport())).scale).toBe(1)
      await panTo(ben, { x: 2 * SPACING, y: 2 * SPACING })
      const mounted = await ben.page.evaluate(() => window.kokeileva!.mountedNotes())
      expect(mounted).toBeGreaterThan(0)
      expect(mounted).toBeLessThan((COLUMNS * ROWS) / 4)
      await ben.page.evaluate(() => window.kokeileva!.recordDrawing(true))
      const near = ids[2]![2]!
      await expect.poll(async () => (await drawnNow(ben))[near]?.lines.join(' ')).toBe('Note 2/2')
      const far = ids[40]![40]!
      expect((await drawnNow(ben))[far]).toBeUndefined()

      // Meanwhile, off screen: the far note's text changes, another note moves next to it,
      // and someone starts editing a third.
      const moved = ids[3]![3]!
      const edited = ids[40]![39]!
      other.doc.transact(() => {
        const text = noteText(other.doc, far)!
        text.delete(0, text.length)
        text.insert(0, 'Changed far away')
        updateNote(other.doc, moved, { x: 41 * SPACING, y: 40 * SPACING })
      })
      other.provider.awareness.setLocalState({
        user: { id: 'eve', name: 'Eve', color: '#7c3aed' },
        cursor: null,
        editing: edited,
      })
      await ben.waitForNotes((notes) => notes.some((note) => note.id === moved && note.x === 41 * SPACING))
      expect(await ben.page.evaluate(() => window.kokeileva!.canvasShapes('note-chrome'))).toEqual([])

      // Panned there, in steps (each leaves the drawn margin: the notes there are found anew).
      await panTo(ben, { x: 40 * SPACING + 80, y: 40 * SPACING + 80 })
      await ben.page.evaluate(() => window.kokeileva!.recordDrawing(true))
      await expect.poll(async () => (await drawnNow(ben))[far]?.lines.join(' ')).toBe('Changed far away')
      await expect.poll(async () => (await drawnNow(ben))[moved]?.lines.join(' ')).toBe('Note 3/3')
      await expect.poll(() => ben.page.evaluate(() => window.kokeileva!.canvasShapes('note-chrome'))).toEqual([edited])
      expect((await drawnNow(ben))[near]).toBeUndefined()

      // Out to the whole board and back in: the same notes, drawn with their text again.
      await ben.page.keyboard.press('1')
      await expect
        .poll(async () => (await ben.page.evaluate(() => window.kokeileva!.viewport())).scale)
        .toBeLessThan(0.2)
      await expect.poll(() => ben.page.evaluate(() => window.kokeileva!.mountedNotes())).toBe(COLUMNS * ROWS)
      await panTo(ben, { x: 40 * SPACING + 80, y: 40 * SPACING + 80 })
      // In through the level where text begins (35 %), to 100 %.
      for (let step = 0; step < 8; step++) await ben.page.keyboard.press('+')
      await ben.page.keyboard.press('0')
      await expect.poll(async () => (await ben.page.evaluate(() => window.kokeileva!.viewport())).scale).toBe(1)
      await panTo(ben, { x: 40 * SPACING + 80, y: 40 * SPACING + 80 })
      await ben.page.evaluate(() => window.kokeileva!.recordDrawing(true))
      await expect.poll(async () => (await drawnNow(ben))[far]?.lines.join(' ')).toBe('Changed far away')

      // A note moved into the view by someone else is drawn where it lands; one moved out is not.
      const incoming = ids[0]![0]!
      updateNote(other.doc, incoming, { x: 40 * SPACING + 100, y: 39 * SPACING })
      updateNote(other.doc, far, { x: 0, y: 0 })
      await ben.waitForNotes((notes) => notes.some((note) => note.id === far && note.x === 0))
      await expect.poll(async () => (await drawnNow(ben))[incoming]?.lines.join(' ')).toBe('Note 0/0')
      // A fresh record: the frame that draws the incoming note no longer draws the one that left.
      await ben.page.evaluate(() => window.kokeileva!.recordDrawing(true))
      await expect.poll(async () => (await drawnNow(ben))[incoming]?.lines.join(' ')).toBe('Note 0/0')
      expect((await drawnNow(ben))[far]).toBeUndefined()
    },
    JOURNEY_TIMEOUT_MS,
  )

  it(
    'a pan copies a picture of the notes that is pixel for pixel a fresh draw, also after another changed a note mid-pan',
    async () => {
      const { other, ids, ben } = await openGrid('Big board, panned')
      // Opening the board drew it where it stands, with no pan: no picture was made for one.
      await ben.page.evaluate(
        () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
      )
      expect((await ben.page.evaluate(() => window.kokeileva!.panCopies())).builds).toBe(0)
      const canvas = ben.page.getByTestId('board-canvas')
      await canvas.focus()
      // 33 %: every note in view drawn with its first words.
      await ben.page.keyboard.press('0')
      for (let step = 0; step < 5; step++) await ben.page.keyboard.press('-')
      await expect
        .poll(async () => (await ben.page.evaluate(() => window.kokeileva!.viewport())).scale)
        .toBeLessThan(0.4)
      const nextFrames = () =>
        ben.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
      // Panning with the middle button, a frame per step, by whole pixels.
      const middle = await ben.canvasPoint(0.5, 0.5)
      let step = 0
      const pan = async (steps: number) => {
        for (let i = 0; i < steps; i++, step++) {
          await ben.page.mouse.move(middle.x - 7 * (step % 40), middle.y - 3 * (step % 40))
          await nextFrames()
        }
      }
      /** The canvas as drawn now, then as drawn afresh (recording draws every frame). */
      const copiedAndDrawn = async () => {
        const copied = await canvas.screenshot()
        await ben.page.evaluate(() => window.kokeileva!.recordDrawing(true))
        await nextFrames()
        const drawn = await canvas.screenshot()
        await ben.page.evaluate(() => window.kokeileva!.recordDrawing(false))
        await nextFrames()
        return { copied, drawn }
      }
      await ben.page.mouse.move(middle.x, middle.y)
      await ben.page.mouse.down({ button: 'middle' })
      const before = await ben.page.evaluate(() => window.kokeileva!.panCopies())
      await pan(10)
      const panned = await ben.page.evaluate(() => window.kokeileva!.panCopies())
      expect(panned.copies).toBeGreaterThan(before.copies)
      const first = await copiedAndDrawn()
      expect(first.copied.equals(first.drawn)).toBe(true)

      // Someone changes the text of the note in the middle of the view while the pan goes on.
      const view = await ben.page.evaluate(() => window.kokeileva!.viewport())
      const box = (await canvas.boundingBox())!
      const column = Math.floor((box.width / 2 - view.x) / view.scale / SPACING)
      const row = Math.floor((box.height / 2 - view.y) / view.scale / SPACING)
      const changed = ids[row]![column]!
      other.doc.transact(() => {
        const text = noteText(other.doc, changed)!
        text.delete(0, text.length)
        text.insert(0, 'Changed mid-pan')
      })
      await ben.waitForNotes((notes) => notes.some((note) => note.id === changed && note.text === 'Changed mid-pan'))
      await pan(10)
      expect((await ben.page.evaluate(() => window.kokeileva!.panCopies())).builds).toBeGreaterThan(panned.builds)
      const second = await copiedAndDrawn()
      expect(second.copied.equals(second.drawn)).toBe(true)
      expect(second.copied.equals(first.copied)).toBe(false)
      await ben.page.mouse.up({ button: 'middle' })

      // A trackpad's pan, by fractions of a pixel, draws every frame afresh: no picture is made
      // (a copy would be resampled), and what is drawn is again what a fresh draw gives.
      const beforeTrackpad = await ben.page.evaluate(() => window.kokeileva!.panCopies())
      for (let i = 0; i < 8; i++) {
        await ben.page.mouse.wheel(100.5, 4.5)
        await nextFrames()
      }
      const afterTrackpad = await ben.page.evaluate(() => window.kokeileva!.panCopies())
      expect(afterTrackpad.builds).toBe(beforeTrackpad.builds)
      expect(afterTrackpad.fractional + afterTrackpad.changed).toBeGreaterThan(
        beforeTrackpad.fractional + beforeTrackpad.changed,
      )
      const third = await copiedAndDrawn()
      expect(third.copied.equals(third.drawn)).toBe(true)

      // One step by a fraction of a pixel amid whole ones (the canvas moved on the page, say):
      // the whole steps after it make a picture anew and copy it.
      await ben.page.mouse.move(middle.x, middle.y)
      await ben.page.mouse.down({ button: 'middle' })
      await pan(6)
      await ben.page.mouse.up({ button: 'middle' })
      await ben.page.mouse.wheel(3.5, 0)
      await nextFrames()
      await ben.page.mouse.down({ button: 'middle' })
      const afterFraction = await ben.page.evaluate(() => window.kokeileva!.panCopies())
      await pan(6)
      const afterWhole = await ben.page.evaluate(() => window.kokeileva!.panCopies())
      expect(afterWhole.copies).toBeGreaterThan(afterFraction.copies)
      const fourth = await copiedAndDrawn()
      expect(fourth.copied.equals(fourth.drawn)).toBe(true)
      await ben.page.mouse.up({ button: 'middle' })
    },
    JOURNEY_TIMEOUT_MS,
  )
})
