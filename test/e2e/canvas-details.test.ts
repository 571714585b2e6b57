import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserSkipReason } from './browser.ts'
import { BoardDriver } from './board-driver.ts'
import { DISNEY, disneyBoard, enterPhase, intersects, mouseClick, pageRect, writeAt } from './canvas-helpers.ts'
import { useBrowserAndServer } from './suite.ts'

const skipReason = browserSkipReason()
if (skipReason) console.warn(`[e2e] canvas details skipped: ${skipReason}`)

const JOURNEY_TIMEOUT_MS = 90_000

/** The smaller things a facilitator met in a real workshop, each as it should be. */
describe.skipIf(skipReason !== null)('the workshop canvas, in the details', () => {
  const suite = useBrowserAndServer()

  it('the start page offers the Disney method first', async () => {
    const page = await (await suite.newContext()).newPage()
    await page.goto(`${suite.server.url}/`)
    const picker = page.getByTestId('template-picker')
    await picker.locator('option').first().waitFor({ state: 'attached' })
    expect(await picker.inputValue()).toBe('disney')
  })

  it(
    'the first-note hint sits in the open zone, not over closed ones; a viewer is never told to write',
    async () => {
      const { people, links } = await disneyBoard(suite, 'Hint', 1)
      const ben = people[0]!
      const hint = ben.page.getByTestId('empty-board-hint')
      await hint.waitFor()
      expect(await hint.locator('strong').textContent()).toBe('Double-click in “Goal” to add a note')
      const box = (await hint.boundingBox())!
      const goal = await pageRect(ben, DISNEY.focus)
      expect(box.y).toBeGreaterThanOrEqual(goal.y)
      expect(box.y + box.height).toBeLessThanOrEqual(goal.y + goal.height)
      for (const closed of [DISNEY.dreamer, DISNEY.realist, DISNEY.critic, DISNEY.questions]) {
        expect(intersects(box, await pageRect(ben, closed))).toBe(false)
      }
      await expect.poll(() => zoneMarks(ben.page)).toContain('Open: write here')

      // On a touch screen: a double tap, and no N key; the hint lies wholly on the canvas.
      const tia = await BoardDriver.open(await suite.newContext({ hasTouch: true }), links.participant)
      const touchHint = tia.page.getByTestId('empty-board-hint')
      await touchHint.waitFor()
      expect(await touchHint.locator('strong').textContent()).toBe('Double-tap in “Goal” to add a note')
      expect(await touchHint.locator('span').textContent()).toBe('or use “+ Note” in the tools')
      const onCanvas = (await tia.page.getByTestId('board-canvas').boundingBox())!
      const touchBox = (await touchHint.boundingBox())!
      expect(touchBox.y).toBeGreaterThanOrEqual(onCanvas.y)
      expect(touchBox.y + touchBox.height).toBeLessThanOrEqual(onCanvas.y + onCanvas.height)

      const vera = await BoardDriver.open(await suite.newContext(), links.viewer)
      await expect.poll(() => zoneMarks(vera.page)).toContain('Closed in this phase')
      const texts = await zoneMarks(vera.page)
      expect(texts).not.toContain('Open: write here')
      expect(texts).toContain('Being written now')
      expect(await vera.page.getByTestId('empty-board-hint').count()).toBe(0)
    },
    JOURNEY_TIMEOUT_MS,
  )

  it(
    'dragging a note over a closed zone says so before the drop',
    async () => {
      const { fia, people } = await disneyBoard(suite, 'Drag cue', 1)
      const ben = people[0]!
      await enterPhase(fia, 'Dreamer', [ben])
      await writeAt(ben, { x: 250, y: 600 }, 'Stay in the dream')
      const note = (await ben.notes())[0]!
      const from = await ben.toPage({ x: note.x + note.width / 2, y: note.y + note.height / 2 })
      const to = await ben.toPage({ x: DISNEY.realist.x + 250, y: DISNEY.realist.y + 350 })
      await ben.page.mouse.move(from.x, from.y)
      await ben.page.mouse.down()
      await ben.page.mouse.move(to.x, to.y, { steps: 8 })
      const cue = ben.page.getByTestId('drop-cue')
      await cue.waitFor()
      expect(await cue.textContent()).toBe('Closed in this phase — drop it in an open zone')
      await expect.poll(() => ben.page.evaluate(() => window.kokeileva!.canvasShapes('drop-cue'))).toEqual(['realist'])
      // Back over the open zone, the cue goes; dropped there, the note moves.
      const back = await ben.toPage({ x: DISNEY.dreamer.x + 200, y: DISNEY.dreamer.y + 500 })
      await ben.page.mouse.move(back.x, back.y, { steps: 4 })
      await cue.waitFor({ state: 'detached' })
      await ben.page.mouse.up()
      await ben.waitForNotes((notes) => notes[0]!.x !== note.x && notes[0]!.zone === 'dreamer')
    },
    JOURNEY_TIMEOUT_MS,
  )

  it(
    'after "Another round" the last round’s ranks leave the board',
    async () => {
      const { fia, people } = await disneyBoard(suite, 'Rounds', 1)
      const ben = people[0]!
      await enterPhase(fia, 'Critic', [ben])
      await writeAt(ben, { x: 1330, y: 600 }, 'Who pays for the evenings?')
      const note = (await ben.notes())[0]!
      const panel = fia.page.getByTestId('panel-session')
      await panel.getByTestId('voting-open').click()
      await ben.page.getByTestId('vote-bar').waitFor()
      const at = await ben.toPage({ x: note.x + note.width / 2, y: note.y + note.height / 2 })
      await ben.page.mouse.click(at.x, at.y)
      await expect.poll(() => fia.page.getByTestId('vote-bar').textContent()).toContain('dots given: 1')
      await panel.getByTestId('voting-close').click()
      await expect
        .poll(() => ben.page.evaluate(() => window.kokeileva!.results()))
        .toEqual([{ id: note.id, votes: 1, rank: 1 }])

      await mouseClick(fia.page, fia.page.getByTestId('phase-bar').getByTestId('phase-loop'))
      await fia.page.getByRole('dialog', { name: 'Start another round: Dreamer?' }).waitFor()
      await fia.page.getByTestId('confirm-another-round').click()
      await ben.page.locator('[data-testid="phase-title"]:text-is("Dreamer")').waitFor()
      for (const driver of [ben, fia]) {
        await expect.poll(() => driver.page.evaluate(() => window.kokeileva!.results())).toEqual([])
        expect((await driver.note(note.id))!.votes).toEqual({})
      }
    },
    JOURNEY_TIMEOUT_MS,
  )

  it('avatar initials are letters, never punctuation', async () => {
    const board = await suite.server.createBoard('Names')
    const fia = await BoardDriver.open(await suite.newContext(), suite.local(board.links.facilitator))
    const ben = await BoardDriver.open(await suite.newContext(), suite.local(board.links.participant))
    await ben.skipNamePrompt()
    await ben.page.getByTitle('Change your name and colour').click()
    await ben.page.getByRole('textbox', { name: 'Your name', exact: true }).fill('Anna (Library)')
    await ben.page.getByRole('button', { name: 'Save' }).click()
    await expect.poll(() => ben.page.locator('.me .avatar').textContent()).toBe('AL')
    await expect.poll(() => fia.page.locator('.avatars .avatar').allTextContents()).toContain('AL')
  })

  it('the shortcuts dialog opens at its top on a laptop screen', async () => {
    const board = await suite.server.createBoard('Shortcuts')
    const fia = await BoardDriver.open(await suite.newContext(), suite.local(board.links.facilitator))
    await fia.page.getByTestId('board-canvas').focus()
    await fia.page.keyboard.press('?')
    const dialog = fia.page.getByRole('dialog', { name: 'Keyboard shortcuts' })
    await dialog.waitFor()
    expect(await dialog.evaluate((element) => element.scrollHeight > element.clientHeight)).toBe(true)
    expect(await dialog.evaluate((element) => element.scrollTop)).toBe(0)
    expect(await dialog.getByText('Find notes on the board', { exact: false }).count()).toBe(1)
  })

  it("a facilitator's header in Finnish on a 1280 px screen shows the whole connection and save words", async () => {
    const board = await suite.server.createBoard('Kirjaston aukioloajat ja lainausautomaatit', 'disney')
    const context = await suite.newContext({ locale: 'fi-FI' })
    const fia = await BoardDriver.open(context, suite.local(board.links.facilitator))
    await fia.page.getByTestId('panel-session').waitFor()
    await fia.createNote(0.3, 0.2, 'Sunnuntaisin auki')
    const save = fia.page.getByTestId('save-status')
    await expect.poll(() => save.textContent()).toBe('Tallennettu')
    // Nothing cut off: the title gives way first ("Tallennettu" and "Tallennetaan…" must not both read "Tallenn…").
    const cut = (selector: string) =>
      fia.page.locator(selector).evaluate((element) => element.scrollWidth > element.clientWidth)
    expect(await cut('[data-testid="save-status"]')).toBe(false)
    expect(await cut('.board-header .connection')).toBe(false)
    expect(await fia.page.locator('.board-header .connection-label').textContent()).toBe('Yhdistetty')
    const overflow = () =>
      fia.page.locator('.board-header').evaluate((header) => header.scrollWidth - header.clientWidth)
    expect(await overflow()).toBe(0)

    // Narrower (a tablet), the controls fold into a menu rather than run off the screen.
    await fia.page.setViewportSize({ width: 1000, height: 800 })
    await fia.page.getByTestId('header-menu-toggle').waitFor({ state: 'visible' })
    expect(await overflow()).toBe(0)
    await fia.page.getByTestId('header-menu-toggle').click()
    await fia.page.getByTestId('panel-button-session').waitFor({ state: 'visible' })
    expect(await save.isVisible()).toBe(true)
  })

  it('an invalid link says so in plain words, the code only under technical details', async () => {
    const board = await suite.server.createBoard('Bad link')
    const page = await (await suite.newContext({ locale: 'fi-FI' })).newPage()
    await page.goto(`${suite.server.url}/b/${board.id}#token=${board.id}.participant.${'A'.repeat(32)}`)
    await page.getByRole('heading', { name: 'Linkki ei kelpaa' }).waitFor()
    expect(await page.getByText('Koodi 4401').isVisible()).toBe(false)
    await page.getByText('Tekniset tiedot').click()
    expect(await page.getByText('Koodi 4401').isVisible()).toBe(true)
  })

  it('the author tooltip goes when the view moves', async () => {
    const board = await suite.server.createBoard('Tooltip')
    const ben = await BoardDriver.open(await suite.newContext(), suite.local(board.links.participant))
    const note = await ben.createNote(0.5, 0.5, 'Whose is this?')
    const at = await ben.toPage({ x: note.x + note.width / 2, y: note.y + note.height / 2 })
    await ben.page.mouse.move(at.x - 5, at.y - 5)
    await ben.page.mouse.move(at.x, at.y)
    const tooltip = ben.page.getByRole('tooltip')
    await tooltip.waitFor()
    await ben.page.keyboard.press('-')
    await tooltip.waitFor({ state: 'detached' })
  })
})

/**
 * The access marks the canvas draws on the zones (the canvas has no DOM: its drawing record,
 * read after the redraw that recording asks for).
 */
async function zoneMarks(page: Page): Promise<string[]> {
  await page.evaluate(() => window.kokeileva!.recordDrawing(true))
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))))
  return page.evaluate(() => Object.values(window.kokeileva!.drawn().zones).map((zone) => zone.access))
}
