import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest'
import type { Browser, BrowserContext } from 'playwright-core'
import { startServer, type TestServer } from '../helpers/server.ts'
import { collectPageErrors, launchChromium, screenshotAll } from './browser.ts'

export interface ContextOptions {
  locale?: string
  /** A touch screen (page.touchscreen works; taps come as touch pointer events). */
  hasTouch?: boolean
}

export interface BrowserSuite {
  /** A fresh browser context (1280×800, English unless told), closed after the test. */
  newContext(options?: ContextOptions): Promise<BrowserContext>
  /** Something to undo after the test (a Node client to destroy …). */
  onCleanup(cleanup: () => void): void
}

/**
 * The hooks every browser suite needs: Chromium launched once per file; contexts made per
 * test and closed after it, with a screenshot of every page when the test failed; and no
 * page error let through — one fails the test during which it happened.
 */
export function useBrowser(): BrowserSuite {
  let browser: Browser | undefined
  const contexts: BrowserContext[] = []
  const cleanups: Array<() => void> = []
  const errors: string[] = []

  beforeAll(async () => {
    browser = await launchChromium()
  })
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await screenshotAll(contexts, context.task.name)
    for (const browserContext of contexts.splice(0)) await browserContext.close()
    for (const cleanup of cleanups.splice(0)) cleanup()
    expect(errors.splice(0), 'errors thrown on the pages').toEqual([])
  })
  afterAll(async () => {
    await browser?.close()
  })

  return {
    async newContext({ locale = 'en-US', hasTouch = false }: ContextOptions = {}) {
      if (!browser) throw new Error('the browser has not started')
      const context = await browser.newContext({
        viewport: { width: 1280, height: 800 },
        locale,
        hasTouch,
        acceptDownloads: true,
      })
      context.on('page', (page) => collectPageErrors(page, errors))
      contexts.push(context)
      return context
    },
    onCleanup(cleanup) {
      cleanups.push(cleanup)
    },
  }
}

export interface BrowserServerSuite extends BrowserSuite {
  /** The file's server, serving the built client. */
  readonly server: TestServer
  /** A link the API made, pointed at this server (its PUBLIC_URL may differ). */
  local(url: string): string
}

/** useBrowser() plus one server with the built web app for the whole file. */
export function useBrowserAndServer(): BrowserServerSuite {
  const suite = useBrowser()
  let server: TestServer | undefined
  beforeAll(async () => {
    server = await startServer({}, { clientDistDir: inject('clientDist') })
  })
  afterAll(async () => {
    await server?.close()
  })
  const running = (): TestServer => {
    if (!server) throw new Error('the server has not started')
    return server
  }
  return {
    ...suite,
    get server() {
      return running()
    },
    local: (url) => url.replace(/^https?:\/\/[^/]+/, running().url),
  }
}
