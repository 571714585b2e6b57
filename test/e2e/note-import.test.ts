import { describe, expect, it } from 'vitest'
import { browserSkipReason } from './browser.ts'
import { BoardDriver } from './board-driver.ts'
import { useBrowserAndServer } from './suite.ts'

const skipReason = browserSkipReason()
if (skipReason) console.warn(`[e2e] note import skipped: ${skipReason}`)

/** The facilitator's "Import notes" dialog: a preview of what the server plans, then the import. */
describe.skipIf(skipReason !== null)('importing notes in the browser', () => {
  const suite = useBrowserAndServer()

  it('previews a CSV file in the chosen zone, then imports it for everyone on the board', async () => {
    const board = await suite.server.createBoard('Import', 'disney')
    const fia = await BoardDriver.open(await suite.newContext(), suite.local(board.links.facilitator))
    await fia.waitForConnection('connected')
    const ben = await BoardDriver.open(await suite.newContext(), suite.local(board.links.participant))
    await ben.waitForConnection('connected')

    const page = fia.page
    await page.getByTestId('panel-session').waitFor()
    await page.getByTestId('import-open').click()
    const dialog = page.getByRole('dialog', { name: 'Import notes' })
    await dialog.getByTestId('import-file').setInputFiles({
      name: 'ideas.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('text;color;author\nKirjastoon robotti;blue;Aino\nLainat kotiin;;\n', 'utf8'),
    })
    await dialog.getByTestId('import-zone').selectOption('dreamer')
    await dialog.getByTestId('import-preview-button').click()
    const items = dialog.getByTestId('import-preview-note')
    await expect.poll(() => items.count()).toBe(2)
    expect(await items.nth(0).textContent()).toContain('Kirjastoon robotti — Dreamer, Aino')
    expect(await items.nth(1).textContent()).toContain('Lainat kotiin — Dreamer, Import')
    // Nothing is on the board before the import is confirmed.
    expect(await ben.notes()).toEqual([])

    await dialog.getByTestId('import-confirm').click()
    await expect.poll(() => dialog.getByTestId('import-message').textContent()).toBe('2 notes imported.')
    const counts = async () =>
      (
        await fetch(`${suite.server.url}/api/boards/${board.id}`, {
          headers: { authorization: `Bearer ${board.tokens.viewer}` },
        }).then((response) => response.json() as Promise<{ counts: { notes: number } }>)
      ).counts.notes
    expect(await counts()).toBe(2)
    // The participant sees them at once, in the Dreamer zone, in the file's colour.
    const seen = await ben.waitForNotes((notes) => notes.length === 2)
    expect(seen.map((note) => [note.text, note.zone, note.color]).sort()).toEqual([
      ['Kirjastoon robotti', 'dreamer', '#bfdbfe'],
      ['Lainat kotiin', 'dreamer', '#fde68a'],
    ])
  })
})
