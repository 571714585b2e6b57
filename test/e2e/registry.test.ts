import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { updateNote } from '@shared/board/index.ts'
import { boardWithNotes, hubToken, patchIdea, promote } from '../helpers/ideas.ts'
import { BoardDriver } from './board-driver.ts'
import { browserSkipReason } from './browser.ts'
import { useBrowserAndServer } from './suite.ts'

const skipReason = browserSkipReason()
if (skipReason) console.warn(`[e2e] registry journeys skipped: ${skipReason}`)

/** The idea registry in the system Chromium: promoting from the board, the hub's workflow, lists and downloads. */
describe.skipIf(skipReason !== null)('idea registry in the browser', () => {
  const suite = useBrowserAndServer()
  const newContext = (locale = 'en-US') => suite.newContext({ locale })
  const link = suite.local

  /** Clicks a note where it is drawn (with Shift to add it to the selection). */
  async function clickNote(driver: BoardDriver, id: string, shift = false): Promise<void> {
    const note = (await driver.note(id))!
    const at = await driver.toPage({ x: note.x + note.width / 2, y: note.y + 20 })
    if (shift) await driver.page.keyboard.down('Shift')
    await driver.page.mouse.click(at.x, at.y)
    if (shift) await driver.page.keyboard.up('Shift')
  }

  it('the facilitator promotes two notes, the badge appears, and the hub’s move to screening reaches the board live', async () => {
    const made = await boardWithNotes(
      suite.server,
      [
        { text: 'Päiväkotien pihat iltakäyttöön', votes: 2 },
        { text: 'Päiväkodin pihat viikonloppuisin\nmyös kesällä', votes: 1 },
        { text: 'Pihoille penkkejä', votes: 3 },
      ],
      'Pihat',
    )
    const [existingNote, firstNote, secondNote] = made.noteIds as [string, string, string]
    // Side by side (the helper stacks them), so that each can be clicked.
    made.noteIds.forEach((id, index) => updateNote(made.facilitator.doc, id, { x: 20 + index * 200, y: 60 }))
    suite.onCleanup(() => made.facilitator.destroy())
    const existing = await promote(suite.server, made.board, { noteIds: [existingNote] })
    expect(existing.status).toBe(201)

    const facilitator = await BoardDriver.open(await newContext(), link(made.board.links.facilitator))
    await facilitator.waitForNotes((notes) => notes.length === 3 && notes.every((note) => note.y === 60))
    await clickNote(facilitator, firstNote)
    await clickNote(facilitator, secondNote, true)
    await expect.poll(() => facilitator.page.evaluate(() => window.kokeileva?.selection().length)).toBe(2)
    await facilitator.page.getByRole('button', { name: 'Promote to idea' }).click()

    const dialog = facilitator.page.getByRole('dialog', { name: 'Promote to the idea registry' })
    const title = dialog.getByLabel('Title')
    expect(await title.inputValue()).toBe('Päiväkodin pihat viikonloppuisin')
    expect(await dialog.getByLabel('Description').inputValue()).toBe(
      'Päiväkodin pihat viikonloppuisin\nmyös kesällä\n\nPihoille penkkejä',
    )
    // The registry's similar idea is offered to link to instead.
    await expect.poll(() => dialog.getByTestId('similar-ideas').textContent()).toContain(existing.body.ref)
    await title.fill('Päiväkotien pihat viikonloppuisin')
    await dialog.getByRole('button', { name: 'Promote', exact: true }).click()
    const done = dialog.getByTestId('promote-done')
    await done.waitFor()
    const ref = /KT-\d{4}-\d{4}/.exec((await done.textContent()) ?? '')?.[0]
    expect(ref).toBeDefined()
    expect(ref).not.toBe(existing.body.ref)

    // The badge: in the document (and below, in the Notes panel screen readers use).
    await facilitator.waitForNotes((notes) =>
      [firstNote, secondNote].every((id) => notes.find((n) => n.id === id)?.ideaRef === ref),
    )
    // Promoting the same notes again answers that idea; nothing new.
    await dialog.getByRole('button', { name: 'Close' }).click()
    await facilitator.page.getByRole('button', { name: 'Promote to idea' }).click()
    await expect.poll(() => dialog.getByRole('note').textContent()).toContain(`already the idea ${ref}`)
    // Keys in the dialog are the dialog's: Delete on its button deletes no notes, Escape closes it.
    await dialog.getByRole('button', { name: 'Cancel' }).focus()
    await facilitator.page.keyboard.press('Delete')
    await facilitator.page.keyboard.press('Escape')
    await expect.poll(() => dialog.count()).toBe(0)
    expect((await facilitator.notes()).length).toBe(3)
    expect(await facilitator.page.evaluate(() => window.kokeileva?.selection().length)).toBe(2)
    await facilitator.page.getByTestId('panel-button-notes').click()
    const notesPanel = facilitator.page.getByTestId('notes-panel')
    await expect.poll(() => notesPanel.locator('.note-entry', { hasText: `${ref} · New` }).count()).toBe(2)

    // The hub, in the registry, with the hub token entered on this device.
    const hub = await (await newContext()).newPage()
    await hub.goto(`${suite.server.url}/ideas`)
    await hub.getByRole('button', { name: 'Enter the hub token' }).click()
    await hub.getByLabel('Innovation hub token').fill(hubToken(suite.server))
    await hub.getByRole('button', { name: 'Check and keep' }).click()
    await hub.getByTestId('hub-signed-in').waitFor()
    await hub.getByRole('link', { name: new RegExp(ref!) }).click()
    await hub.getByRole('heading', { level: 1, name: 'Päiväkotien pihat viikonloppuisin' }).waitFor()
    // Without a link to the board on this device, the page says so instead of linking.
    await hub.getByTestId('board-link-unavailable').waitFor()
    // Only the workflow's moves are offered; parking asks why.
    const moves = hub.getByRole('group', { name: 'From “New” to' }).getByRole('radio')
    expect(await moves.evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value))).toEqual([
      'screening',
      'parked',
      'rejected',
    ])
    await hub.getByRole('radio', { name: /Parked/ }).check()
    await hub.getByRole('button', { name: 'Move to “Parked”' }).click()
    await expect.poll(() => hub.getByTestId('hub-error').textContent()).toContain('needs a comment')
    await hub.getByRole('radio', { name: 'Screening' }).check()
    await hub.getByRole('button', { name: 'Move to “Screening”' }).click()
    await hub.getByText('Status changed.').waitFor()
    await expect.poll(() => hub.getByTestId('timeline').textContent()).toContain('Status: New → Screening')

    // The facilitator's board changes live.
    await facilitator.waitForNotes((notes) =>
      [firstNote, secondNote].every((id) => notes.find((n) => n.id === id)?.ideaStatus === 'screening'),
    )
    await expect.poll(() => notesPanel.locator('.note-entry', { hasText: `${ref} · Screening` }).count()).toBe(2)

    // From the idea page, the facilitator (who has the board on this device) gets back to the notes.
    const ideaPage = await facilitator.page.context().newPage()
    await ideaPage.goto(`${suite.server.url}/ideas/${ref}`)
    await ideaPage.getByTestId('board-link').click()
    await ideaPage.waitForURL(/\/b\/.+\?focus=/)
    const back = new BoardDriver(ideaPage)
    await back.waitForConnection('connected')
    await expect
      .poll(() => ideaPage.evaluate(() => window.kokeileva?.selection().sort()))
      .toEqual([firstNote, secondNote].sort())
    await expectNotesInView(back, [firstNote, secondNote])
  })

  it('lists, filters and searches the registry, and downloads it and a board as files (in Finnish)', async () => {
    const made = await boardWithNotes(
      suite.server,
      [
        { text: 'Kaupunkipyörät talvella', votes: 4 },
        { text: 'Kirjasto auki sunnuntaisin', votes: 1 },
        { text: 'Koulujen salit asukkaille', votes: 2 },
      ],
      'Kevään ideat',
    )
    made.facilitator.destroy()
    const [bikes, library, halls] = await Promise.all(
      made.noteIds.map((id) => promote(suite.server, made.board, { noteIds: [id] })),
    )
    expect([bikes, library, halls].map((response) => response?.status)).toEqual([201, 201, 201])
    await patchIdea(suite.server, bikes!.body.id, {
      status: 'screening',
      department: 'Kaupunkiympäristö',
      tags: ['liikenne'],
    })
    await patchIdea(suite.server, halls!.body.id, {
      status: 'parked',
      comment: 'Odottaa budjettia',
      department: 'Sivistystoimiala',
    })

    const page = await (await newContext('fi-FI')).newPage()
    const requests: string[] = []
    page.on('request', (request) => requests.push(request.url()))
    await page.goto(`${suite.server.url}/ideas`)
    // This test's ideas in the order shown (the other test's ideas share the registry).
    const mine = [bikes!.body.ref, library!.body.ref, halls!.body.ref]
    const refsShown = async () => {
      const refs = await page
        .getByTestId('idea-list')
        .locator('li.idea-row')
        .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-ref')))
      return refs.filter((ref): ref is string => ref !== null && mine.includes(ref))
    }
    await expect.poll(async () => (await refsShown()).sort()).toEqual([...mine].sort())
    // The page's own name and the links beside it read as separate items, not one run of words.
    const navItems = await page
      .getByRole('navigation', { name: 'Päävalikko' })
      .locator(':scope > *')
      .evaluateAll((items) =>
        items.map((item) => item.getBoundingClientRect()).map(({ left, right }) => ({ left, right })),
      )
    expect(navItems.length).toBeGreaterThanOrEqual(3)
    for (let i = 1; i < navItems.length; i++) {
      expect(navItems[i]!.left - navItems[i - 1]!.right, `gap before item ${i}`).toBeGreaterThanOrEqual(8)
    }

    await page.getByRole('checkbox', { name: /Seulonnassa/ }).check()
    await expect.poll(refsShown).toEqual([bikes!.body.ref])
    expect(page.url()).toContain('status=screening')
    await page.getByRole('checkbox', { name: /Seulonnassa/ }).uncheck()
    await page.getByLabel('Toimiala').selectOption('Sivistystoimiala')
    await expect.poll(refsShown).toEqual([halls!.body.ref])
    await page.getByRole('button', { name: 'Poista rajaukset ja haku' }).click()
    // Search folds case and endings: "kirjastot" finds "Kirjasto".
    await page.getByLabel('Hae ideoita').fill('kirjastot')
    await expect.poll(refsShown).toEqual([library!.body.ref])
    await page.getByLabel('Hae ideoita').fill('')
    await page.getByLabel('Järjestys').selectOption('votes')
    await expect.poll(refsShown).toEqual([bikes!.body.ref, halls!.body.ref, library!.body.ref])
    // Status labels are words, not codes.
    expect(await page.getByTestId('idea-list').textContent()).toContain('Odottaa')

    // The registry as semicolon CSV for Finnish Excel (offered first in Finnish).
    expect(await page.getByRole('radio', { name: /Puolipisteet/ }).isChecked()).toBe(true)
    const registryDownload = page.waitForEvent('download')
    await page.getByRole('region', { name: 'Vie rekisteri' }).getByRole('button', { name: 'Lataa' }).click()
    const registryFile = await registryDownload
    expect(registryFile.suggestedFilename()).toMatch(/^kokeileva-ideas-\d{4}-\d{2}-\d{2}\.csv$/)
    const registryBytes = await readFile(await registryFile.path())
    expect([...registryBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const registryText = registryBytes.toString('utf8')
    expect(registryText).toContain('"tunnus";"id";"otsikko"')
    expect(registryText).toContain('new → parked — Odottaa budjettia')

    // A participant downloads the board; the token goes in a header, never in a URL.
    const board = await BoardDriver.open(page.context(), link(made.board.links.participant))
    board.page.on('request', (request) => requests.push(request.url()))
    await board.page.getByRole('button', { name: 'Lataa', exact: true }).click()
    const panel = board.page.getByRole('region', { name: 'Lataa' })
    await panel.getByRole('radio', { name: /^CSV/ }).check()
    const boardDownload = board.page.waitForEvent('download')
    await panel.getByRole('button', { name: 'Lataa', exact: true }).click()
    const boardFile = await boardDownload
    expect(boardFile.suggestedFilename()).toMatch(/^kokeileva-kevaan-ideat-\d{4}-\d{2}-\d{2}\.csv$/)
    const boardText = (await readFile(await boardFile.path())).toString('utf8')
    expect(boardText).toContain('"teksti";"alue";"väri";"äänet"')
    expect(boardText).toContain(`"Kaupunkipyörät talvella";"Unelmoija";"#fde68a";4;"Aino"`)
    expect(boardText).toContain(bikes!.body.ref)
    await panel.getByText(/Ladattu kokeileva-kevaan-ideat/).waitFor()
    expect(requests.some((url) => url.includes(made.board.tokens.participant))).toBe(false)
  })
})

/** Every given note is drawn inside the canvas. */
async function expectNotesInView(driver: BoardDriver, ids: string[]): Promise<void> {
  const box = await driver.page.getByTestId('board-canvas').boundingBox()
  if (!box) throw new Error('no canvas')
  for (const id of ids) {
    const note = (await driver.note(id))!
    const topLeft = await driver.toPage({ x: note.x, y: note.y })
    const bottomRight = await driver.toPage({ x: note.x + note.width, y: note.y + note.height })
    expect(topLeft.x).toBeGreaterThanOrEqual(box.x)
    expect(topLeft.y).toBeGreaterThanOrEqual(box.y)
    expect(bottomRight.x).toBeLessThanOrEqual(box.x + box.width)
    expect(bottomRight.y).toBeLessThanOrEqual(box.y + box.height)
  }
}
