import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import { chromium, type Browser, type Page } from 'playwright-core'
import { buildApp } from '../server/app.ts'
import { loadConfig } from '../server/boot.ts'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/e2e/browser.ts'
import { currentBuild } from './build/build.ts'
import { REPO_DIR } from './build/source-hash.mjs'

/**
 * `npm run docs:screenshots`: the pictures in docs/ and the README, taken from the real app in
 * the system Chromium. A facilitator runs a Disney workshop with two participants, promotes the
 * winning note, and the hub opens it in the registry; each step the guides describe is saved
 * as docs/images/<name>.png. Run it again after changing the UI.
 */
const IMAGES = join(REPO_DIR, 'docs', 'images')
const VIEWPORT = { width: 1280, height: 800 }

const dataDir = mkdtempSync(join(tmpdir(), 'kokeileva-screenshots-'))
const { config } = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1' })
const app = await buildApp(config, { clientDistDir: (await currentBuild()).clientDir })
await app.listen({ port: 0, host: '127.0.0.1' })
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
const local = (link: string) => link.replace(/^https?:\/\/[^/]+/, base)
mkdirSync(IMAGES, { recursive: true })

async function shot(page: Page, name: string): Promise<void> {
  // Let animations (toasts, the panel sliding in) settle before the picture.
  await page.waitForTimeout(400)
  await page.screenshot({ path: join(IMAGES, `${name}.png`) })
  process.stdout.write(`docs/images/${name}.png\n`)
}

async function newPage(browser: Browser, name: string, color: string): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-US' })
  // The name and colour people see on cursors and notes (the app would otherwise make them up).
  await context.addInitScript(
    ({ displayName, cursorColor }) => {
      if (!localStorage.getItem('kokeileva.identity'))
        localStorage.setItem(
          'kokeileva.identity',
          JSON.stringify({ id: crypto.randomUUID().replace(/-/g, ''), name: displayName, color: cursorColor }),
        )
    },
    { displayName: name, cursorColor: color },
  )
  return context.newPage()
}

async function connected(page: Page): Promise<void> {
  await page.locator('[data-testid="connection"][data-state="connected"]').waitFor({ timeout: 20_000 })
}

/** Double-clicks a board point and writes a note there, as a participant does. */
async function writeNote(page: Page, point: { x: number; y: number }, text: string): Promise<void> {
  const at = await page.evaluate((p) => window.kokeileva!.toPage(p), point)
  await page.mouse.dblclick(at.x, at.y)
  await page.getByRole('textbox', { name: 'Note text' }).waitFor()
  await page.keyboard.type(text)
  await page.keyboard.press('Escape')
}

/** Moves the session on and waits until every page shows the phase. */
async function nextPhase(facilitator: Page, title: string, pages: Page[]): Promise<void> {
  await facilitator
    .getByTestId('phase-bar')
    .getByRole('button', { name: new RegExp(`next phase: ${title}`) })
    .click()
  for (const page of pages) {
    await page
      .getByTestId('phase-title')
      .filter({ hasText: new RegExp(`^${title}$`) })
      .waitFor()
  }
}

async function clickNoteWithText(page: Page, text: string, button: 'left' | 'right' = 'left'): Promise<void> {
  const note = (await page.evaluate(() => window.kokeileva!.notes())).find((n) => n.text === text)
  if (!note) throw new Error(`no note "${text}"`)
  const at = await page.evaluate((p) => window.kokeileva!.toPage(p), {
    x: note.x + note.width / 2,
    y: note.y + note.height / 2,
  })
  await page.mouse.click(at.x, at.y, { button })
}

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true })
try {
  // The facilitator creates a Disney board from the start page.
  const fia = await newPage(browser, 'Fia', '#9333ea')
  await fia.goto(`${base}/`)
  await fia.getByLabel('Board title').fill('Library opening hours')
  await fia.getByTestId('template-picker').selectOption('disney')
  await shot(fia, 'start-page')
  await fia.getByRole('button', { name: 'Create board' }).click()
  const participantLink = local(await fia.getByTestId('link-participant').inputValue())
  await shot(fia, 'share-links')
  await fia.getByTestId('open-board').click()
  await connected(fia)
  await fia.getByTestId('panel-session').waitFor()
  await writeNote(fia, { x: 200, y: 120 }, 'Everyone in town can use the library when it suits them')
  await shot(fia, 'facilitator-frame')

  const ben = await newPage(browser, 'Ben', '#2563eb')
  const cleo = await newPage(browser, 'Cleo', '#16a34a')
  for (const page of [ben, cleo]) {
    await page.goto(participantLink)
    await connected(page)
  }

  // Dreamer: the timer runs, everyone writes in the Dreamer zone.
  const bar = fia.getByTestId('phase-bar')
  await nextPhase(fia, 'Dreamer', [ben, cleo])
  await bar.getByRole('button', { name: 'Start the timer' }).click()
  await writeNote(ben, { x: 120, y: 450 }, 'Open on Sundays')
  await writeNote(cleo, { x: 360, y: 450 }, 'Evenings until nine')
  await writeNote(ben, { x: 120, y: 650 }, 'Self-service with a library card')
  await writeNote(cleo, { x: 360, y: 650 }, 'Homework corner open late')
  await shot(ben, 'participant-dreamer')

  // Realist and Critic.
  await nextPhase(fia, 'Realist', [ben, cleo])
  await writeNote(ben, { x: 660, y: 450 }, 'Pilot self-service at one branch for three months')
  await writeNote(cleo, { x: 900, y: 450 }, 'Count visits per hour before and after')
  await nextPhase(fia, 'Critic', [ben, cleo])
  await writeNote(cleo, { x: 1200, y: 450 }, 'Who is responsible for safety when no staff are in?')
  await ben.getByRole('button', { name: 'Fit' }).click()
  await writeNote(ben, { x: 300, y: 1170 }, 'Could volunteers host the evening hours?')
  await shot(fia, 'facilitator-critic')

  // Converge: a dot vote, closed by the facilitator.
  await nextPhase(fia, 'Converge', [ben, cleo])
  await ben.getByTestId('vote-bar').waitFor()
  await clickNoteWithText(ben, 'Pilot self-service at one branch for three months')
  await clickNoteWithText(ben, 'Pilot self-service at one branch for three months')
  await clickNoteWithText(ben, 'Evenings until nine')
  await clickNoteWithText(cleo, 'Pilot self-service at one branch for three months')
  await clickNoteWithText(cleo, 'Open on Sundays')
  await shot(cleo, 'participant-voting')
  await fia.getByTestId('panel-session').getByRole('button', { name: 'Close voting and show results' }).click()
  await fia.getByTestId('results').waitFor()
  await shot(fia, 'vote-results')

  // The facilitator promotes the winning note into the registry.
  await fia.keyboard.press('Escape')
  await clickNoteWithText(fia, 'Pilot self-service at one branch for three months')
  await fia.getByRole('button', { name: 'Promote to idea' }).click()
  const dialog = fia.getByRole('dialog', { name: 'Promote to the idea registry' })
  await dialog.getByLabel('Title').fill('Self-service library hours: a three-month pilot')
  await shot(fia, 'promote')
  await dialog.getByRole('button', { name: 'Promote', exact: true }).click()
  await dialog.getByTestId('promote-done').waitFor()
  await dialog.getByRole('button', { name: 'Close' }).click()

  // The hub reads the registry and takes the idea into screening.
  const hub = await newPage(browser, 'Hub', '#ea580c')
  await hub.goto(`${base}/ideas`)
  await hub.getByRole('button', { name: 'Enter the hub token' }).click()
  await hub.getByLabel('Innovation hub token').fill(readFileSync(join(dataDir, 'hub-token'), 'utf8').trim())
  await hub.getByRole('button', { name: 'Check and keep' }).click()
  await hub.getByTestId('hub-signed-in').waitFor()
  await shot(hub, 'registry')
  await hub.getByRole('link', { name: /Self-service library hours/ }).click()
  await hub.getByRole('heading', { level: 1, name: 'Self-service library hours: a three-month pilot' }).waitFor()
  await hub.getByRole('radio', { name: 'Screening' }).check()
  await hub
    .getByRole('textbox', { name: /comment/i })
    .first()
    .fill('Fits the branch network plan; ask the facilities team.')
  await hub.getByRole('button', { name: 'Move to “Screening”' }).click()
  await hub.getByText('Status changed.').waitFor()
  await shot(hub, 'idea')

  // The README's picture: the whole board, as the facilitator sees it without the side panel.
  await fia.getByRole('button', { name: 'Hide the instructions' }).click()
  await fia.getByTestId('results').getByRole('button', { name: /close/i }).first().click()
  await fia.getByRole('button', { name: 'Fit' }).click()
  // Fit leaves the notes too small to read their text: one step closer.
  await fia.getByRole('button', { name: 'Zoom in' }).click()
  await shot(fia, 'board')
} finally {
  await browser.close()
  await app.close()
  rmSync(dataDir, { recursive: true, force: true })
}
