import type { Locator, Page } from 'playwright-core'
import { BoardDriver } from './board-driver.ts'
import type { BrowserServerSuite } from './suite.ts'

/** The Disney template's zones on the board (board units), as the tests aim at them. */
export const DISNEY = {
  focus: { x: 0, y: 0, width: 1580, height: 260 },
  dreamer: { x: 0, y: 300, width: 500, height: 700 },
  realist: { x: 540, y: 300, width: 500, height: 700 },
  critic: { x: 1080, y: 300, width: 500, height: 700 },
  questions: { x: 0, y: 1040, width: 1580, height: 260 },
} as const

/** A Disney board with its facilitator (session panel open) and, when asked, participants. */
export async function disneyBoard(
  suite: BrowserServerSuite,
  title: string,
  participants = 1,
): Promise<{ fia: BoardDriver; people: BoardDriver[]; links: { participant: string; viewer: string } }> {
  const board = await suite.server.createBoard(title, 'disney')
  const fia = await BoardDriver.open(await suite.newContext(), suite.local(board.links.facilitator))
  await fia.page.getByTestId('panel-session').waitFor()
  const people: BoardDriver[] = []
  for (let i = 0; i < participants; i++) {
    people.push(await BoardDriver.open(await suite.newContext(), suite.local(board.links.participant)))
  }
  return {
    fia,
    people,
    links: { participant: suite.local(board.links.participant), viewer: suite.local(board.links.viewer) },
  }
}

/** The facilitator moves everyone to a phase (by its title in the session panel); waits until `others` see it. */
export async function enterPhase(fia: BoardDriver, title: string, others: readonly BoardDriver[] = []): Promise<void> {
  await fia.page.getByTestId('panel-session').locator('.phase-list button', { hasText: title }).click()
  for (const driver of [fia, ...others]) {
    await driver.page.locator(`[data-testid="phase-title"]:text-is("${title}")`).waitFor()
  }
}

/** The middle of an element on the page (scrolled into view first). */
export async function centreOf(locator: Locator): Promise<{ x: number; y: number }> {
  await locator.scrollIntoViewIfNeeded()
  const box = await locator.boundingBox()
  if (!box) throw new Error('the element is not on the page')
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 }
}

/** A real mouse click on the middle of an element (pointerdown, pointerup, click), no shortcuts. */
export async function mouseClick(page: Page, locator: Locator): Promise<void> {
  const at = await centreOf(locator)
  await page.mouse.click(at.x, at.y)
}

/** The on-page rectangle of a board rectangle. */
export async function pageRect(
  driver: BoardDriver,
  rect: { x: number; y: number; width: number; height: number },
): Promise<{ x: number; y: number; width: number; height: number }> {
  const a = await driver.toPage(rect)
  const b = await driver.toPage({ x: rect.x + rect.width, y: rect.y + rect.height })
  return { x: a.x, y: a.y, width: b.x - a.x, height: b.y - a.y }
}

/** Double-clicks a board point, types, and ends editing with Escape (the note must be allowed there). */
export async function writeAt(driver: BoardDriver, point: { x: number; y: number }, text: string): Promise<void> {
  const at = await driver.toPage(point)
  await driver.page.mouse.dblclick(at.x, at.y)
  await driver.page.getByRole('textbox', { name: /note text|lapun teksti/i }).waitFor()
  await driver.page.keyboard.type(text)
  await driver.page.keyboard.press('Escape')
  await driver.waitForNotes((notes) => notes.some((note) => note.text === text))
}

export type Box = { x: number; y: number; width: number; height: number }

export function intersects(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
}

export function inside(outer: Box, inner: Box): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  )
}
