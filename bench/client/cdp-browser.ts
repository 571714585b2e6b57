import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import WebSocket from 'ws'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../test/e2e/browser.ts'
import { waitForQuietMachine } from './quiet-machine.ts'

/** The performance marks a board's first render leaves (ms from navigation start). */
export interface FirstRenderMarks {
  firstRender: number
  synced: number
  session: number
  socketOpen: number
  /** The page's main-thread CPU (thread time) until then. */
  firstRenderCpuMs: number
  /** How long the machine took to become quiet before the page was opened. */
  waitedForQuietMs: number
}

const STARTUP_TIMEOUT_MS = 15_000
const FIRST_RENDER_TIMEOUT_MS = 60_000
const CLOSE_TIMEOUT_MS = 5000

/**
 * Headless Chromium driven over the DevTools protocol directly, for the first-render
 * benchmark: it opens a page and reads its marks, and does nothing else while the page loads.
 *
 * Playwright does more, for good reasons in a test: it attaches to every new target — the
 * page, the board's socket worker, the service worker — with `waitForDebuggerOnStart`, so each
 * waits for the driver's setup round trips before it runs, and it receives every request and
 * every socket frame (a 10,000-note board's 2.3 MB, as base64 JSON). On two cores that cost
 * the first render 100–200 ms that no user's browser spends (issue 17, target 4); the
 * benchmark reports both.
 */
export class CdpBrowser {
  readonly #process: ChildProcess
  readonly #profile: string
  readonly #socket: WebSocket
  #nextId = 0
  readonly #pending = new Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>()

  private constructor(process: ChildProcess, profile: string, socket: WebSocket) {
    this.#process = process
    this.#profile = profile
    this.#socket = socket
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString('utf8')) as {
        id?: number
        result?: unknown
        error?: { message: string }
      }
      const waiting = message.id === undefined ? undefined : this.#pending.get(message.id)
      if (!waiting || message.id === undefined) return
      this.#pending.delete(message.id)
      if (message.error) waiting.reject(new Error(message.error.message))
      else waiting.resolve(message.result)
    })
  }

  static async launch(): Promise<CdpBrowser> {
    const profile = mkdtempSync(join(tmpdir(), 'kokeileva-bench-cdp-'))
    const child = spawn(
      CHROMIUM_PATH,
      [...CHROMIUM_ARGS, '--headless', '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'],
      { stdio: 'ignore' },
    )
    const portFile = join(profile, 'DevToolsActivePort')
    const deadline = Date.now() + STARTUP_TIMEOUT_MS
    // Chromium writes the port, then the browser's path, once it listens.
    while (!existsSync(portFile) || readFileSync(portFile, 'utf8').trim().split('\n').length < 2) {
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error('Chromium did not start its DevTools endpoint')
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    const [port, path] = readFileSync(portFile, 'utf8').trim().split('\n')
    const socket = new WebSocket(`ws://127.0.0.1:${port}${path}`)
    await new Promise((resolve, reject) => {
      socket.once('open', resolve)
      socket.once('error', reject)
    })
    return new CdpBrowser(child, profile, socket)
  }

  #send<T>(method: string, params: object = {}, sessionId?: string): Promise<T> {
    const id = ++this.#nextId
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (result: unknown) => void, reject })
      this.#socket.send(JSON.stringify({ id, method, params, ...(sessionId && { sessionId }) }))
    })
  }

  /** The browser's name and version, as Playwright's `browser.version()` gives it. */
  async version(): Promise<string> {
    const { product } = await this.#send<{ product: string }>('Browser.getVersion')
    return product.replace(/^[^/]*\//, '')
  }

  /** Opens `url` in a fresh browser context (nothing cached, nothing stored) and waits for its first render. */
  async firstRender(url: string, viewport: { width: number; height: number }): Promise<FirstRenderMarks> {
    const { browserContextId } = await this.#send<{ browserContextId: string }>('Target.createBrowserContext')
    try {
      const { targetId } = await this.#send<{ targetId: string }>('Target.createTarget', {
        url: 'about:blank',
        browserContextId,
      })
      const { sessionId } = await this.#send<{ sessionId: string }>('Target.attachToTarget', {
        targetId,
        flatten: true,
      })
      await this.#send(
        'Emulation.setDeviceMetricsOverride',
        { ...viewport, deviceScaleFactor: 1, mobile: false },
        sessionId,
      )
      await this.#send('Performance.enable', { timeDomain: 'threadTicks' }, sessionId)
      const waitedForQuietMs = await waitForQuietMachine()
      await this.#send('Page.navigate', { url }, sessionId)
      const marks = await this.#marks(sessionId)
      if (!marks) throw new Error('the page did not report its first render')
      const { metrics } = await this.#send<{ metrics: { name: string; value: number }[] }>(
        'Performance.getMetrics',
        {},
        sessionId,
      )
      const taskSeconds = metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? 0
      return { ...marks, firstRenderCpuMs: Math.round(taskSeconds * 1000), waitedForQuietMs }
    } finally {
      await this.#send('Target.disposeBrowserContext', { browserContextId })
    }
  }

  /** The page's marks, asked again if the question reached the page it replaced (a navigation still committing). */
  async #marks(sessionId: string): Promise<Omit<FirstRenderMarks, 'firstRenderCpuMs' | 'waitedForQuietMs'>> {
    for (let attempt = 0; ; attempt++) {
      try {
        const evaluated = await this.#send<{
          result: { value?: Omit<FirstRenderMarks, 'firstRenderCpuMs' | 'waitedForQuietMs'> }
        }>('Runtime.evaluate', { expression: FIRST_RENDER_MARKS, awaitPromise: true, returnByValue: true }, sessionId)
        if (evaluated.result.value) return evaluated.result.value
        throw new Error('the page did not report its first render')
      } catch (error) {
        if (attempt >= 20 || !/context|destroyed|navigat/i.test(String(error))) throw error
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    }
  }

  /** Ends the browser (SIGKILL if it has not exited a few seconds after SIGTERM) and removes its profile. */
  async close(): Promise<void> {
    this.#socket.close()
    const child = this.#process
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      const kill = setTimeout(() => child.kill('SIGKILL'), CLOSE_TIMEOUT_MS)
      child.kill('SIGTERM')
      await exited
      clearTimeout(kill)
    }
    // Chromium's last writes to its profile can still be landing as it exits.
    rmSync(this.#profile, { recursive: true, force: true, maxRetries: 5 })
  }
}

/** Waits in the page (checking every 50 ms, a timer the page barely notices) for the first render's mark. */
const FIRST_RENDER_MARKS = `new Promise((resolve, reject) => {
  const at = (name) => Math.round(performance.getEntriesByName(name)[0]?.startTime ?? 0)
  const started = Date.now()
  const check = () => {
    if (performance.getEntriesByName('kokeileva:first-render').length > 0) {
      resolve({ firstRender: at('kokeileva:first-render'), synced: at('kokeileva:synced'), session: at('kokeileva:session'), socketOpen: at('kokeileva:socket-open') })
    } else if (Date.now() - started > ${FIRST_RENDER_TIMEOUT_MS}) reject(new Error('no first render'))
    else setTimeout(check, 50)
  }
  check()
})`
