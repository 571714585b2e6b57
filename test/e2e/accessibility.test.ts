import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { createNote } from '@shared/board/index.ts'
import { LOCALES } from '@shared/templates/types.ts'
import { connectClient } from '../helpers/clients.ts'
import { eventually } from '../helpers/poll.ts'
import { promote } from '../helpers/ideas.ts'
import { axeViolations, describeViolations, seriousOrCritical } from './axe.ts'
import { BoardDriver } from './board-driver.ts'
import { browserSkipReason } from './browser.ts'
import { useBrowserAndServer } from './suite.ts'

const skipReason = browserSkipReason()
if (skipReason) console.warn(`[e2e] accessibility checks skipped: ${skipReason}`)

/** Each language: five pages (one twice), axe on each (a few seconds a page on a loaded machine). */
const LOCALE_TIMEOUT_MS = 120_000

/**
 * axe-core in Chromium on every page a workshop meets, in every language the app has: no
 * serious or critical violation of WCAG 2.2 A/AA. The results are printed per page (the
 * moderate ones too), so that a report can quote them.
 */
describe.skipIf(skipReason !== null)('axe-core on every page, in every language', () => {
  const suite = useBrowserAndServer()

  /** A Disney board in its first phase with notes by two people, one of them promoted. */
  async function workshop() {
    const board = await suite.server.createBoard('Library opening hours', 'disney')
    const writer = connectClient(suite.server.syncUrl, board.id, board.tokens.facilitator)
    suite.onCleanup(() => writer.destroy())
    await writer.synced()
    const noteIds = ['Open on Sundays', 'Evenings until nine', 'A reading café'].map((text, index) =>
      createNote(writer.doc, {
        text,
        x: 40 + index * 220,
        y: 60,
        color: '#fde68a',
        zone: 'focus',
        authorId: `p${index}`,
        authorName: index === 0 ? 'Aino' : 'Ben',
      }),
    )
    let ideaId = ''
    await eventually(async () => {
      const promoted = await promote(suite.server, board, { noteIds: [noteIds[0]!] })
      expect(promoted.status).toBeLessThan(300)
      ideaId = promoted.body.id
    })
    return { board, ideaId }
  }

  /** Checks one page; every page is checked before the test fails, so the record is whole. */
  async function check(page: Page, name: string, results: Record<string, string>, failures: string[]): Promise<void> {
    const violations = await axeViolations(page)
    results[name] =
      violations.length === 0 ? 'none' : violations.map((violation) => `${violation.impact}:${violation.id}`).join(', ')
    const failing = seriousOrCritical(violations)
    if (failing.length > 0) failures.push(`${name}:\n${describeViolations(failing)}`)
  }

  for (const locale of LOCALES) {
    it(
      `${locale}: the start page, the board (participant and facilitator), the registry and an idea page`,
      async () => {
        const { board, ideaId } = await workshop()
        const results: Record<string, string> = {}
        const failures: string[] = []
        try {
          const context = await suite.newContext({ locale })
          const page = await context.newPage()
          await page.goto(`${suite.server.url}/`)
          await page.getByTestId('template-picker').waitFor()
          await check(page, 'start', results, failures)

          // A participant whose device keeps a presence colour of an older version (white on it
          // is 3:1): the avatars everyone sees must still be readable.
          const participantContext = await suite.newContext({ locale })
          await participantContext.addInitScript(() => {
            // Only the app's documents have storage (the page's first about:blank has none).
            if (location.origin === 'null') return
            localStorage.setItem(
              'kokeileva.identity',
              JSON.stringify({ id: 'p-old-colour', name: 'Lime Lynx', color: '#65a30d' }),
            )
          })
          const participant = await BoardDriver.open(participantContext, suite.local(board.links.participant))
          await participant.waitForNotes((notes) => notes.length === 3)
          await check(participant.page, 'board (participant)', results, failures)
          await participant.page.getByTestId('panel-button-notes').click()
          await participant.page.getByTestId('notes-panel').waitFor()
          await check(participant.page, 'board (participant, Notes panel)', results, failures)

          const facilitator = await BoardDriver.open(context, suite.local(board.links.facilitator))
          await facilitator.page.getByTestId('panel-session').waitFor()
          await facilitator.waitForNotes((notes) => notes.length === 3)
          // The participant's old colour is drawn darkened (axe below checks the contrast).
          const lime = facilitator.page.locator('.avatars .avatar[aria-label="Lime Lynx"]')
          await lime.waitFor()
          expect(await lime.evaluate((avatar) => getComputedStyle(avatar).backgroundColor)).not.toBe(
            'rgb(101, 163, 13)',
          )
          await check(facilitator.page, 'board (facilitator)', results, failures)

          await page.goto(`${suite.server.url}/ideas`)
          await page.getByTestId('idea-list').waitFor()
          await check(page, 'registry', results, failures)

          await page.goto(`${suite.server.url}/ideas/${ideaId}`)
          await page.getByRole('heading', { level: 1, name: 'Open on Sundays' }).waitFor()
          await check(page, 'idea', results, failures)
          expect(failures.join('\n\n'), 'serious or critical axe violations').toBe('')
        } finally {
          console.info(`[axe ${locale}] ${JSON.stringify(results, null, 1)}`)
        }
      },
      LOCALE_TIMEOUT_MS,
    )
  }
})
