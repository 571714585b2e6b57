import { describe, expect, it } from 'vitest'
import type { NoteData } from '@shared/board/index.ts'
import { browserSkipReason } from './browser.ts'
import { BoardDriver } from './board-driver.ts'
import { DISNEY, disneyBoard, enterPhase, inside, intersects, mouseClick, writeAt } from './canvas-helpers.ts'
import { useBrowserAndServer } from './suite.ts'

const skipReason = browserSkipReason()
if (skipReason) console.warn(`[e2e] canvas notes skipped: ${skipReason}`)

const JOURNEY_TIMEOUT_MS = 90_000

function overlapping(notes: readonly NoteData[]): boolean {
  return notes.some((a, i) => notes.slice(i + 1).some((b) => intersects(a, b)))
}

/** Whether a note is drawn wholly inside the canvas on this page. */
async function onScreen(driver: BoardDriver, note: NoteData): Promise<boolean> {
  const canvas = (await driver.page.getByTestId('board-canvas').boundingBox())!
  const a = await driver.toPage(note)
  const b = await driver.toPage({ x: note.x + note.width, y: note.y + note.height })
  return inside(canvas, { x: a.x, y: a.y, width: b.x - a.x, height: b.y - a.y })
}

/** New notes where they may go, copy and paste, and find on the board. */
describe.skipIf(skipReason !== null)('notes on the canvas: new, pasted, found', () => {
  const suite = useBrowserAndServer()

  it(
    '"+ Note" and N put the note at a free spot of the open zone, and what is typed right after N goes into it',
    async () => {
      const { fia, people } = await disneyBoard(suite, 'New notes', 1)
      const ben = people[0]!
      await enterPhase(fia, 'Dreamer', [ben])
      const canvas = ben.page.getByTestId('board-canvas')
      await canvas.focus()

      // N, and the typing that follows at once, with no wait for the editor.
      await ben.page.keyboard.press('n')
      await ben.page.keyboard.type('Longer opening hours')
      await ben.page.keyboard.press('Escape')
      await canvas.focus()
      await ben.page.keyboard.press('n')
      await ben.page.keyboard.type('A reading garden')
      await ben.page.keyboard.press('Escape')
      const notes = await ben.waitForNotes((list) => list.length === 2 && list.every((n) => n.text !== ''))
      expect(notes.map((n) => n.text).sort()).toEqual(['A reading garden', 'Longer opening hours'])
      for (const note of notes) {
        expect(note.zone).toBe('dreamer')
        expect(inside(DISNEY.dreamer, note)).toBe(true)
      }
      expect(overlapping(notes)).toBe(false)

      // Looking at the Critic zone (closed): "+ Note" goes to the Dreamer zone and the view follows.
      const critic = await ben.toPage({ x: DISNEY.critic.x + 250, y: DISNEY.critic.y + 350 })
      await ben.page.mouse.move(critic.x, critic.y)
      for (let i = 0; i < 6; i++) await ben.page.mouse.wheel(0, -200)
      await expect
        .poll(async () => (await ben.page.evaluate(() => window.kokeileva!.viewport())).scale)
        .toBeGreaterThan(1)
      await mouseClick(ben.page, ben.page.getByTestId('add-note'))
      await ben.page.getByRole('textbox', { name: 'Note text' }).waitFor()
      await ben.page.keyboard.type('Longer Saturdays')
      await ben.page.keyboard.press('Escape')
      const all = await ben.waitForNotes((list) => list.some((n) => n.text === 'Longer Saturdays'))
      const third = all.find((n) => n.text === 'Longer Saturdays')!
      expect(third.zone).toBe('dreamer')
      expect(overlapping(all)).toBe(false)
      expect(await onScreen(ben, third)).toBe(true)
    },
    JOURNEY_TIMEOUT_MS,
  )

  it(
    'with no zone open, "+ Note" and Duplicate are disabled and say why, and N makes nothing',
    async () => {
      const { fia, people } = await disneyBoard(suite, 'Nowhere to write', 1)
      const ben = people[0]!
      await enterPhase(fia, 'Dreamer', [ben])
      await writeAt(ben, { x: 250, y: 600 }, 'Written in time')
      await enterPhase(fia, 'Converge', [ben])
      await fia.page.getByTestId('voting-close').click()
      const addNote = ben.page.getByRole('button', { name: 'Note', exact: true })
      await expect.poll(() => addNote.isDisabled()).toBe(true)
      expect(await ben.page.getByTestId('new-note-blocked').textContent()).toBe(
        'No zone is open for new notes in this phase.',
      )
      // Select the note: Duplicate stays disabled.
      const note = (await ben.notes())[0]!
      const at = await ben.toPage({ x: note.x + note.width / 2, y: note.y + note.height / 2 })
      await ben.page.mouse.click(at.x, at.y)
      await expect.poll(() => ben.page.evaluate(() => window.kokeileva!.selection())).toEqual([note.id])
      expect(await ben.page.getByRole('button', { name: 'Duplicate' }).isDisabled()).toBe(true)
      await ben.page.keyboard.press('n')
      await ben.page.getByTestId('toast').filter({ hasText: 'No zone is open for new notes in this phase.' }).waitFor()
      expect(await ben.notes()).toHaveLength(1)
    },
    JOURNEY_TIMEOUT_MS,
  )

  it(
    'pasted lines become notes in the open zone; copied notes paste on the same board and on another',
    async () => {
      const { fia, people } = await disneyBoard(suite, 'Paste', 1)
      const ben = people[0]!
      await ben.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.server.url })
      await enterPhase(fia, 'Dreamer', [ben])
      await ben.page.evaluate(() =>
        navigator.clipboard.writeText('Idea one\r\nIdea two\n\n  - Idea three\n• Idea four\n'),
      )
      await ben.page.getByTestId('board-canvas').focus()
      await ben.page.keyboard.press('Control+v')
      const pasted = await ben.waitForNotes((list) => list.length === 4)
      expect(pasted.map((n) => n.text).sort()).toEqual(['Idea four', 'Idea one', 'Idea three', 'Idea two'])
      expect(pasted.every((n) => n.zone === 'dreamer' && inside(DISNEY.dreamer, n))).toBe(true)
      expect(overlapping(pasted)).toBe(false)
      // The pasted notes are selected: one undo step takes them all away, one redo brings them back.
      expect((await ben.page.evaluate(() => window.kokeileva!.selection())).sort()).toEqual(
        pasted.map((n) => n.id).sort(),
      )
      await ben.page.keyboard.press('Control+z')
      await ben.waitForNotes((list) => list.length === 0)
      await ben.page.keyboard.press('Control+Shift+z')
      await ben.waitForNotes((list) => list.length === 4)

      // Copy two notes; paste them here (the open zone) and on another board.
      const [first, second] = (await ben.notes()).filter((n) => n.text === 'Idea one' || n.text === 'Idea two')
      for (const [note, shift] of [
        [first!, false],
        [second!, true],
      ] as const) {
        const at = await ben.toPage({ x: note.x + note.width / 2, y: note.y + note.height / 2 })
        if (shift) await ben.page.keyboard.down('Shift')
        await ben.page.mouse.click(at.x, at.y)
        if (shift) await ben.page.keyboard.up('Shift')
      }
      await expect.poll(async () => (await ben.page.evaluate(() => window.kokeileva!.selection())).length).toBe(2)
      await ben.page.keyboard.press('Control+c')
      expect(await ben.page.evaluate(() => navigator.clipboard.readText())).toBe('Idea one\nIdea two')
      await ben.page.keyboard.press('Control+v')
      const twice = await ben.waitForNotes((list) => list.length === 6)
      expect(twice.filter((n) => n.text === 'Idea one')).toHaveLength(2)
      expect(twice.every((n) => n.zone === 'dreamer')).toBe(true)
      expect(overlapping(twice)).toBe(false)

      const other = await suite.server.createBoard('Another board')
      const page = await ben.page.context().newPage()
      await page.goto(suite.local(other.links.participant))
      const elsewhere = new BoardDriver(page)
      await elsewhere.waitForConnection('connected')
      await page.getByTestId('board-canvas').focus()
      await page.keyboard.press('Control+v')
      const copied = await elsewhere.waitForNotes((list) => list.length === 2)
      expect(copied.map((n) => n.text).sort()).toEqual(['Idea one', 'Idea two'])
      expect(copied.every((n) => n.ideaId === null && Object.keys(n.votes).length === 0)).toBe(true)
      // The group keeps its layout (side by side as it was copied).
      const original = [first!, second!].sort((a, b) => a.x - b.x || a.y - b.y)
      const pastedCopy = copied.sort((a, b) => a.x - b.x || a.y - b.y)
      expect(pastedCopy[1]!.x - pastedCopy[0]!.x).toBe(original[1]!.x - original[0]!.x)
      expect(pastedCopy[1]!.y - pastedCopy[0]!.y).toBe(original[1]!.y - original[0]!.y)
    },
    JOURNEY_TIMEOUT_MS,
  )

  it(
    'Ctrl+F finds notes, highlights them and moves the view to each; face-down notes are not found',
    async () => {
      const { fia, people } = await disneyBoard(suite, 'Find', 2)
      const [ben, cleo] = people as [BoardDriver, BoardDriver]
      await enterPhase(fia, 'Dreamer', [ben, cleo])
      await writeAt(ben, { x: 120, y: 900 }, 'A library in every school')
      await writeAt(ben, { x: 380, y: 500 }, 'Library open on Sundays')
      await writeAt(ben, { x: 250, y: 700 }, 'More benches')
      await fia.page.getByTestId('panel-session').getByTestId('silent-switch').click()
      await cleo.page.getByTestId('silent-banner').waitFor()
      await writeAt(cleo, { x: 120, y: 500 }, 'Library cafe')

      await ben.page.getByTestId('board-canvas').focus()
      await ben.page.keyboard.press('Control+f')
      const box = ben.page.getByRole('searchbox', { name: 'Find notes' })
      await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true)
      await ben.page.keyboard.type('LIBRARY')
      await expect.poll(() => ben.page.getByTestId('find-count').textContent()).toBe('2 found')
      const notes = await ben.notes()
      const sundays = notes.find((n) => n.text === 'Library open on Sundays')!
      const school = notes.find((n) => n.text === 'A library in every school')!
      await expect
        .poll(async () => (await ben.page.evaluate(() => window.kokeileva!.canvasShapes('find-match'))).sort())
        .toEqual([sundays.id, school.id].sort())

      // Enter: the first match in reading order (top to bottom), in the middle of the view.
      const centred = async (note: NoteData) => {
        const canvas = (await ben.page.getByTestId('board-canvas').boundingBox())!
        const at = await ben.toPage({ x: note.x + note.width / 2, y: note.y + note.height / 2 })
        return Math.hypot(at.x - (canvas.x + canvas.width / 2), at.y - (canvas.y + canvas.height / 2)) < 2
      }
      await ben.page.keyboard.press('Enter')
      await expect.poll(() => ben.page.getByTestId('find-count').textContent()).toBe('1 / 2')
      await expect.poll(() => centred(sundays)).toBe(true)
      await ben.page.keyboard.press('Enter')
      await expect.poll(() => ben.page.getByTestId('find-count').textContent()).toBe('2 / 2')
      await expect.poll(() => centred(school)).toBe(true)
      await ben.page.keyboard.press('Shift+Enter')
      await expect.poll(() => centred(sundays)).toBe(true)
      await mouseClick(ben.page, ben.page.getByRole('button', { name: 'Next match' }))
      await expect.poll(() => centred(school)).toBe(true)

      // Escape closes find and takes the highlights away.
      await box.focus()
      await ben.page.keyboard.press('Escape')
      await ben.page.getByTestId('find-bar').waitFor({ state: 'detached' })
      expect(await ben.page.evaluate(() => window.kokeileva!.canvasShapes('find-match'))).toEqual([])
    },
    JOURNEY_TIMEOUT_MS,
  )
})
