import type { BrowserContext, Page } from 'playwright-core'
import type { NoteData } from '@shared/board/index.ts'

/** Drives a board page the way a user does (mouse and keyboard), reading state from window.kokeileva. */
export class BoardDriver {
  constructor(readonly page: Page) {}

  static async open(context: BrowserContext, url: string): Promise<BoardDriver> {
    const page = await context.newPage()
    await page.goto(url)
    const driver = new BoardDriver(page)
    await driver.waitForConnection('connected')
    return driver
  }

  /** Answers the name card a writer gets on joining with its Skip button (the generated name stays). */
  async skipNamePrompt(): Promise<void> {
    const prompt = this.page.getByTestId('name-prompt')
    await prompt.waitFor()
    await prompt.locator('button[type="button"]').click()
    await prompt.waitFor({ state: 'detached' })
  }

  async waitForConnection(state: string): Promise<void> {
    await this.page.locator(`[data-testid="connection"][data-state="${state}"]`).waitFor({ timeout: 15_000 })
  }

  notes(): Promise<NoteData[]> {
    return this.page.evaluate(() => window.kokeileva?.notes() ?? [])
  }

  async note(id: string): Promise<NoteData | undefined> {
    return (await this.notes()).find((note) => note.id === id)
  }

  /** Polls the page until the notes satisfy the predicate; returns them. */
  async waitForNotes(predicate: (notes: NoteData[]) => boolean, timeoutMs = 10_000): Promise<NoteData[]> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const notes = await this.notes()
      if (predicate(notes)) return notes
      if (Date.now() > deadline)
        throw new Error(`notes never matched; last: ${JSON.stringify(notes.map((n) => [n.text, n.x, n.y]))}`)
      await this.page.waitForTimeout(50)
    }
  }

  /** A point of the canvas, as fractions of its size, in page coordinates. */
  async canvasPoint(fx: number, fy: number): Promise<{ x: number; y: number }> {
    const box = await this.page.getByTestId('board-canvas').boundingBox()
    if (!box) throw new Error('no canvas')
    return { x: box.x + box.width * fx, y: box.y + box.height * fy }
  }

  /** Where a board point is drawn on the page. */
  toPage(point: { x: number; y: number }): Promise<{ x: number; y: number }> {
    return this.page.evaluate((p) => window.kokeileva?.toPage(p) ?? { x: 0, y: 0 }, point)
  }

  /** Double-clicks empty canvas, types, and ends editing with Escape; returns the new note. */
  async createNote(fx: number, fy: number, text: string): Promise<NoteData> {
    const before = new Set((await this.notes()).map((note) => note.id))
    const at = await this.canvasPoint(fx, fy)
    await this.page.mouse.dblclick(at.x, at.y)
    await this.page.getByRole('textbox', { name: /note text|lapun teksti/i }).waitFor()
    await this.page.keyboard.type(text)
    await this.page.keyboard.press('Escape')
    const notes = await this.waitForNotes((list) => list.some((note) => !before.has(note.id) && note.text === text))
    return notes.find((note) => !before.has(note.id)) as NoteData
  }

  /** Presses on a note's middle and drags it by (dx, dy) screen pixels. */
  async dragNote(note: NoteData, dx: number, dy: number): Promise<void> {
    const from = await this.toPage({ x: note.x + note.width / 2, y: note.y + note.height / 2 })
    await this.page.mouse.move(from.x, from.y)
    await this.page.mouse.down()
    await this.page.mouse.move(from.x + dx / 2, from.y + dy / 2, { steps: 4 })
    await this.page.mouse.move(from.x + dx, from.y + dy, { steps: 4 })
    await this.page.mouse.up()
  }

  async doubleClickNote(note: NoteData): Promise<void> {
    const at = await this.toPage({ x: note.x + note.width / 2, y: note.y + note.height / 2 })
    await this.page.mouse.dblclick(at.x, at.y)
  }
}
