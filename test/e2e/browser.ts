import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { featureOptions, PLAYWRIGHT_FEATURES_ENV } from './chromium-features.ts'

export const CHROMIUM_PATH = '/usr/bin/chromium'

/** The flags this machine's Chromium needs (no sandbox as root, no calls home). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
]

export function browserAvailable(): boolean {
  return existsSync(CHROMIUM_PATH)
}

/**
 * Why browser tests are skipped here, or null when they run. With REQUIRE_BROWSER=1 (CI)
 * a missing browser is not a reason: the tests run and fail.
 */
export function browserSkipReason(): string | null {
  if (browserAvailable() || process.env['REQUIRE_BROWSER'] === '1') return null
  return `no Chromium at ${CHROMIUM_PATH} (apt-get install chromium; REQUIRE_BROWSER=1 makes this a failure)`
}

/** The test browser: Playwright's Chromium, without what chromium-features.ts leaves out. */
export function launchChromium(): Promise<Browser> {
  const options = featureOptions(CHROMIUM_ARGS, process.env[PLAYWRIGHT_FEATURES_ENV])
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, ...options })
}

export const RESULTS_DIR = join(process.cwd(), 'test-results')

/** Saves a screenshot of every open page of these contexts, named after the test. */
export async function screenshotAll(contexts: readonly BrowserContext[], testName: string): Promise<void> {
  mkdirSync(RESULTS_DIR, { recursive: true })
  const safe = testName.replace(/[^a-z0-9]+/gi, '-').slice(0, 80)
  let index = 0
  for (const context of contexts) {
    for (const page of context.pages()) {
      index++
      await page.screenshot({ path: join(RESULTS_DIR, `${safe}-${index}.png`) }).catch(() => {
        // The page may already be gone; the other screenshots are still worth saving.
      })
    }
  }
}

/** Page errors fail the test that caused them. */
export function collectPageErrors(page: Page, errors: string[]): void {
  page.on('pageerror', (error) => errors.push(error.message))
}
