import { chromium, type Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserSkipReason, CHROMIUM_ARGS, CHROMIUM_PATH, launchChromium } from './browser.ts'
import { featureOptions, PLAYWRIGHT_FEATURES_ENV, UNWANTED_FEATURES } from './chromium-features.ts'

const skipReason = browserSkipReason()
if (skipReason) console.warn(`[e2e] the test browser's features skipped: ${skipReason}`)

const OMNIBOX_POPUP = 'omnibox-popup'

/** The browser's targets after a context and a page were opened, polled `forMs`, or until the popup shows. */
async function targetsAfterNewContext(browser: Browser, forMs: number): Promise<string[]> {
  const context = await browser.newContext()
  await (await context.newPage()).goto('about:blank')
  const session = await browser.newBrowserCDPSession()
  const targets = async () =>
    (await session.send('Target.getTargets')).targetInfos.map((target: { url: string }) => target.url)
  const started = Date.now()
  let urls = await targets()
  while (Date.now() - started < forMs && !urls.some((url) => url.includes(OMNIBOX_POPUP))) {
    await new Promise((resolve) => setTimeout(resolve, 100))
    urls = await targets()
  }
  await context.close()
  return urls
}

describe.skipIf(skipReason !== null)('the test browser (test/e2e/chromium-features.ts)', () => {
  it('opens no omnibox popup for a new context, where Playwright’s own launch does', async () => {
    const plain = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true })
    let shownAfter: number
    try {
      const started = Date.now()
      // The check can see a popup: Playwright's browser as it launches it opens one.
      expect(await targetsAfterNewContext(plain, 10_000)).toEqual(
        expect.arrayContaining([expect.stringContaining(OMNIBOX_POPUP)]),
      )
      shownAfter = Date.now() - started
    } finally {
      await plain.close()
    }
    const ours = await launchChromium()
    try {
      // Looked for twice as long as the popup took to show in the other.
      const urls = await targetsAfterNewContext(ours, Math.max(1000, 2 * shownAfter))
      expect(urls.filter((url) => url.includes(OMNIBOX_POPUP))).toEqual([])
    } finally {
      await ours.close()
    }
  })

  it('keeps every feature Playwright disables, in the one --disable-features Chromium reads', async () => {
    const playwrights = process.env[PLAYWRIGHT_FEATURES_ENV]
    // The global setup read it from a launch of Playwright's.
    expect(playwrights).toMatch(/^--disable-features=\w/)
    const options = featureOptions(CHROMIUM_ARGS, playwrights)
    const server = await chromium.launchServer({ executablePath: CHROMIUM_PATH, headless: true, ...options })
    let switches: string[]
    try {
      switches = server.process().spawnargs.filter((arg) => arg.startsWith('--disable-features='))
    } finally {
      await server.close()
    }
    expect(switches).toHaveLength(1)
    const launched = (switches[0] as string).slice('--disable-features='.length).split(',')
    const theirs = (playwrights as string).slice('--disable-features='.length).split(',')
    expect(launched).toEqual(expect.arrayContaining([...theirs, ...UNWANTED_FEATURES]))
  })

  it('adds nothing where Playwright’s own argument is unknown', () => {
    expect(featureOptions(CHROMIUM_ARGS, undefined)).toEqual({ args: CHROMIUM_ARGS })
    expect(featureOptions(CHROMIUM_ARGS, '')).toEqual({ args: CHROMIUM_ARGS })
  })
})
