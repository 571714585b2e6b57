import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { updateNote } from '@shared/board/index.ts'
import { currentBuild } from '../../scripts/build/build.ts'
import { REPO_DIR } from '../../scripts/build/source-hash.mjs'
import { browserAvailable, launchChromium } from '../../test/e2e/browser.ts'
import { waitForQuietMachine } from './quiet-machine.ts'
import { startClientBenchServer } from './server.ts'
import {
  cpuMeter,
  mainThreadCpuMs,
  startFrames,
  startProfile,
  startTrace,
  stopFrames,
  stopProfile,
  type FrameStats,
} from './frames.ts'
import type { CDPSession } from 'playwright-core'
import { remoteClient, seedNotes, SPACING } from './seed.ts'
import { childProcessesCpuMs } from './browser-cpu.ts'
import { CdpBrowser } from './cdp-browser.ts'

/**
 * `npm run bench:client`: headless Chromium opens boards of 500 to 20,000 notes and reports
 * the time to first render and frame times while panning, while zooming and while a remote
 * client moves notes, at the opening view (zoomed to fit: every note drawn, at these sizes
 * too small for any text to be read), at 100 % (whole texts drawn, the rest culled), and
 * panning at 33 %, where every note in view is drawn with its first words. The zoom sweeps
 * from the opening view to 100 % and back, through every level of detail.
 *
 *   npm run bench:client -- --sizes 5000,10000,20000 --measure 3 --out client-after.json
 */
function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`)
  return index >= 0 ? process.argv[index + 1] : undefined
}
const SIZES = (option('sizes') ?? process.env['BENCH_SIZES'] ?? '500,2000,5000,10000,20000').split(',').map(Number)
const MEASURE_MS = Number(option('measure') ?? 3) * 1000
const OUT_FILE = option('out') ?? 'client.json'
/** --profile: print where the page's main thread spent its time in each part (V8 sampling profiler). */
const PROFILE = process.argv.includes('--profile')
/**
 * --first-render: only open each board, up to its first render (no pan, zoom or remote moves);
 * with --profile the whole profile of that first render is also written to
 * bench/results/first-render-<notes>.cpuprofile, for bench/client/first-render-parts.ts.
 */
const FIRST_RENDER_ONLY = process.argv.includes('--first-render')
/**
 * --driver cdp (with --first-render): open each board through the DevTools protocol alone
 * (cdp-browser.ts), as a browser without a test driver attached opens it; the default is
 * Playwright, whose attaching costs the first render 100–200 ms on two cores.
 */
const DRIVER = option('driver') ?? 'playwright'
if (DRIVER !== 'playwright' && !(DRIVER === 'cdp' && FIRST_RENDER_ONLY)) {
  process.stderr.write('bench:client: --driver is playwright, or cdp with --first-render\n')
  process.exit(2)
}
const OVER_CDP = DRIVER === 'cdp'
const REMOTE_INTERVAL_MS = 50
const REMOTE_NOTES_PER_TICK = 10
const VIEWPORT = { width: 1280, height: 800 }
const POINTER_INTERVAL_MS = 8

interface SizeResult {
  notes: number
  /** ms from navigation start until the notes were drawn after the first sync. */
  firstRenderMs: number
  /** ms from navigation start until the first sync with the server completed. */
  syncedMs: number
  /** ms from navigation start until the app's code ran (the board session was made). */
  sessionMs: number
  /** ms from navigation start until the sync socket was open. */
  socketOpenMs: number
  /** Main-thread CPU ms spent from navigation until first render (measured just after it). */
  firstRenderCpuMs: number
  /** Notes mounted (culled) at the opening view. */
  mountedAtFit: number
  mountedAt100: number
  panFit: FrameStats
  pan100: FrameStats
  /** At 33 %: the overview shape draws every note in view with its first words (level of detail). */
  pan33: FrameStats
  remoteFit: FrameStats
  remote100: FrameStats
  /** Zooming (pinch: ctrl+wheel) from the opening view to 100 % and back, continuously. */
  zoom: FrameStats
  /** The 1-minute load average before and after this size (other work on the machine). */
  loadBefore: number
  loadAfter: number
}

async function printProfile(cdp: CDPSession, label: string, saveAs?: number): Promise<void> {
  const top = await stopProfile(cdp, 15, (profile) => {
    if (saveAs === undefined) return
    const dir = join(REPO_DIR, 'bench', 'results')
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, `first-render-${saveAs}.cpuprofile`), JSON.stringify(profile))
  })
  process.stderr.write(`\n[profile] ${label}\n${top.map((entry) => `  ${entry.ms} ms  ${entry.fn}`).join('\n')}\n`)
}

/** Frames drawn by copying the pan picture, and pictures made, so far (NotesShape's pan-cache.ts). */
const panCopies = (page: Page) =>
  page.evaluate(() => window.kokeileva?.panCopies?.() ?? { copies: 0, builds: 0, changed: 0, fractional: 0 })

async function measured(page: Page, cdp: CDPSession, run: () => Promise<FrameStats>, label = ''): Promise<FrameStats> {
  if (PROFILE) await startProfile(cdp)
  const stopTrace = PROFILE ? null : await startTrace(cdp)
  const before = await mainThreadCpuMs(cdp)
  const browserBefore = childProcessesCpuMs()
  const picturesBefore = await panCopies(page)
  const stats = await run()
  const browserAfter = childProcessesCpuMs()
  const picturesAfter = await panCopies(page)
  const cpu = (await mainThreadCpuMs(cdp)) - before
  if (PROFILE) await printProfile(cdp, label)
  const traced = stopTrace ? await stopTrace() : null
  return {
    ...stats,
    cpuPerFrame: stats.frames > 0 ? Math.round((cpu / stats.frames) * 10) / 10 : 0,
    ...(browserBefore !== null && browserAfter !== null && stats.frames > 0
      ? { browserCpuPerFrame: Math.round(((browserAfter - browserBefore) / stats.frames) * 10) / 10 }
      : {}),
    copiedFrames: picturesAfter.copies - picturesBefore.copies,
    picturesMade: picturesAfter.builds - picturesBefore.builds,
    drawnChanged: picturesAfter.changed - picturesBefore.changed,
    drawnFractional: picturesAfter.fractional - picturesBefore.fractional,
    ...(traced ? { cpuP50: traced.cpuP50, cpuP95: traced.cpuP95, cpuMax: traced.cpuMax } : {}),
  }
}

async function pan(page: Page, durationMs: number): Promise<FrameStats> {
  const canvas = await page.getByTestId('board-canvas').boundingBox()
  if (!canvas) throw new Error('no canvas')
  const cx = canvas.x + canvas.width / 2
  const cy = canvas.y + canvas.height / 2
  await page.mouse.move(cx, cy)
  await page.mouse.down({ button: 'middle' })
  await startFrames(page)
  const start = Date.now()
  let step = 0
  while (Date.now() - start < durationMs) {
    // Back and forth, 300 px each way, 6 px per pointer event, about 125 events a second
    // (an ordinary mouse's rate).
    const phase = step++ % 100
    const offset = phase < 50 ? phase * 6 : (100 - phase) * 6
    await page.mouse.move(cx - 150 + offset, cy - offset / 3)
    await new Promise((resolve) => setTimeout(resolve, POINTER_INTERVAL_MS))
  }
  const stats = await stopFrames(page)
  await page.mouse.up({ button: 'middle' })
  return stats
}

/**
 * Pinch zoom (ctrl+wheel, 3 % a step, about 125 steps a second) at the centre of the canvas,
 * from the opening view in to 100 % and out again, for `durationMs`.
 */
async function zoom(page: Page, durationMs: number): Promise<FrameStats> {
  const canvas = await page.getByTestId('board-canvas').boundingBox()
  if (!canvas) throw new Error('no canvas')
  await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2)
  const fitScale = await page.evaluate(() => window.kokeileva?.viewport().scale ?? 1)
  const STEP = 3 // px of wheel delta: a factor of e^0.03 per event
  const steps = Math.max(1, Math.round(Math.log(1 / fitScale) / (STEP * 0.01)))
  await page.keyboard.down('Control')
  await startFrames(page)
  const start = Date.now()
  let step = 0
  while (Date.now() - start < durationMs) {
    const phase = step++ % (2 * steps)
    await page.mouse.wheel(0, phase < steps ? -STEP : STEP)
    await new Promise((resolve) => setTimeout(resolve, POINTER_INTERVAL_MS))
  }
  const stats = await stopFrames(page)
  await page.keyboard.up('Control')
  return stats
}

const loadAverage = () => Math.round((loadavg()[0] ?? 0) * 10) / 10

async function remoteMoves(
  page: Page,
  syncUrl: string,
  boardId: string,
  token: string,
  ids: readonly string[],
  durationMs: number,
): Promise<FrameStats> {
  const remote = remoteClient(syncUrl, boardId, token)
  await remote.synced
  await startFrames(page)
  const start = Date.now()
  let tick = 0
  while (Date.now() - start < durationMs) {
    remote.doc.transact(() => {
      for (let i = 0; i < REMOTE_NOTES_PER_TICK; i++) {
        const id = ids[(tick * REMOTE_NOTES_PER_TICK + i * 37) % ids.length] as string
        updateNote(remote.doc, id, {
          x: ((tick * 13 + i * 97) % 40) * SPACING,
          y: ((tick * 7 + i * 53) % 40) * SPACING,
        })
      }
    })
    tick++
    await new Promise((resolve) => setTimeout(resolve, REMOTE_INTERVAL_MS))
  }
  const stats = await stopFrames(page)
  remote.provider.destroy()
  remote.doc.destroy()
  return stats
}

async function main(): Promise<void> {
  if (!browserAvailable()) {
    process.stderr.write('bench:client needs Chromium at /usr/bin/chromium (apt-get install chromium).\n')
    process.exit(1)
  }
  await currentBuild() // the web app the server serves (dist/client)
  // Boards past the default budget of 5,000 notes.
  const server = await startClientBenchServer({ BOARD_MAX_NOTES: '100000' })
  const cdpBrowser = OVER_CDP ? await CdpBrowser.launch() : null
  const browser = cdpBrowser ? null : await launchChromium()
  const browserVersion = browser ? browser.version() : await (cdpBrowser as CdpBrowser).version()
  const results: SizeResult[] = []
  const firstRenders: object[] = []
  try {
    for (const count of SIZES) {
      const loadBefore = loadAverage()
      const board = await server.createBoard(`Bench ${count}`)
      const ids = await seedNotes(server.syncUrl, board.id, board.tokens.facilitator, count)
      const address = board.links.participant.replace(/^https?:\/\/[^/]+/, server.url)
      if (cdpBrowser) {
        const marks = await cdpBrowser.firstRender(address, VIEWPORT)
        const row = { notes: count, driver: 'cdp', ...marks, loadBefore, loadAfter: loadAverage() }
        process.stdout.write(`${JSON.stringify(row)}\n`)
        firstRenders.push(row)
        continue
      }
      const context = await (browser as Browser).newContext({ viewport: VIEWPORT, locale: 'en-US' })
      const page = await context.newPage()
      const cdp = await cpuMeter(page)
      if (PROFILE) await startProfile(cdp)
      const waitedForQuietMs = await waitForQuietMachine()
      await page.goto(address)
      await page.waitForFunction(() => performance.getEntriesByName('kokeileva:first-render').length > 0, null, {
        timeout: 60_000,
        polling: 10,
      })
      const firstRenderCpuMs = Math.round(await mainThreadCpuMs(cdp))
      if (PROFILE) await printProfile(cdp, `${count} notes: first render`, FIRST_RENDER_ONLY ? count : undefined)
      const marks = await page.evaluate(() => ({
        firstRender: performance.getEntriesByName('kokeileva:first-render')[0]?.startTime ?? 0,
        synced: performance.getEntriesByName('kokeileva:synced')[0]?.startTime ?? 0,
        session: performance.getEntriesByName('kokeileva:session')[0]?.startTime ?? 0,
        socketOpen: performance.getEntriesByName('kokeileva:socket-open')[0]?.startTime ?? 0,
        mounted: window.kokeileva?.mountedNotes() ?? 0,
      }))
      if (FIRST_RENDER_ONLY) {
        const { mounted, ...times } = marks
        const rounded = Object.fromEntries(Object.entries(times).map(([name, ms]) => [name, Math.round(ms)]))
        const row = {
          notes: count,
          driver: 'playwright',
          ...rounded,
          firstRenderCpuMs,
          mounted,
          waitedForQuietMs,
          loadBefore,
          loadAfter: loadAverage(),
        }
        process.stdout.write(`${JSON.stringify(row)}\n`)
        firstRenders.push(row)
        await context.close()
        continue
      }
      const panFit = await measured(page, cdp, () => pan(page, MEASURE_MS), `${count}: pan, fit`)
      await page.getByTestId('board-canvas').focus()
      await page.keyboard.press('1') // back to the whole board
      const zoomed = await measured(page, cdp, () => zoom(page, MEASURE_MS), `${count}: zoom`)
      await page.keyboard.press('1')
      const remoteFit = await measured(
        page,
        cdp,
        () => remoteMoves(page, server.syncUrl, board.id, board.tokens.participant, ids, MEASURE_MS),
        `${count}: remote moves, fit`,
      )
      await page.keyboard.press('0') // 100 %
      const mountedAt100 = await page.evaluate(() => window.kokeileva?.mountedNotes() ?? 0)
      const pan100 = await measured(page, cdp, () => pan(page, MEASURE_MS), `${count}: pan, 100 %`)
      const remote100 = await measured(
        page,
        cdp,
        () => remoteMoves(page, server.syncUrl, board.id, board.tokens.participant, ids, MEASURE_MS),
        `${count}: remote moves, 100 %`,
      )
      // Five steps out from 100 %: 33 %, the zoom at which the most notes are drawn with text.
      for (let step = 0; step < 5; step++) await page.keyboard.press('-')
      const pan33 = await measured(page, cdp, () => pan(page, MEASURE_MS), `${count}: pan, 33 %`)
      const result: SizeResult = {
        notes: count,
        firstRenderMs: Math.round(marks.firstRender),
        syncedMs: Math.round(marks.synced),
        sessionMs: Math.round(marks.session),
        socketOpenMs: Math.round(marks.socketOpen),
        firstRenderCpuMs,
        mountedAtFit: marks.mounted,
        mountedAt100,
        panFit,
        pan100,
        pan33,
        remoteFit,
        remote100,
        zoom: zoomed,
        loadBefore,
        loadAfter: loadAverage(),
      }
      results.push(result)
      process.stdout.write(`${JSON.stringify(result)}\n`)
      await context.close()
    }
  } finally {
    // Each closed whatever the others do: a server left running would outlive the benchmark.
    await Promise.allSettled([browser?.close(), cdpBrowser?.close()])
    await server.close()
  }

  const load = loadavg()
  const report = {
    benchmark: 'client',
    date: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      loadAverage1m: Math.round((load[0] ?? 0) * 10) / 10,
      browser: browserVersion,
      viewport: VIEWPORT,
      note: 'shared 2-core machine; other helpers were running, so numbers are noisy',
    },
    settings: { measureMs: MEASURE_MS, remoteMovesPerSecond: (1000 / REMOTE_INTERVAL_MS) * REMOTE_NOTES_PER_TICK },
    results,
    ...(FIRST_RENDER_ONLY ? { firstRenders } : {}),
  }
  const dir = join(REPO_DIR, 'bench', 'results')
  mkdirSync(dir, { recursive: true })
  const file = join(dir, OUT_FILE)
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`)
  process.stdout.write(`\n${markdownTable(results)}\nwritten to ${file}\n`)
}

function markdownTable(results: readonly SizeResult[]): string {
  const f = (s: FrameStats) =>
    `${s.p50} / ${s.p95} (${s.cpuPerFrame}; ${s.cpuP95 ?? '–'}; ${s.browserCpuPerFrame ?? '–'})`
  const rows = results.map(
    (r) =>
      `| ${r.notes.toLocaleString('en')} | ${r.firstRenderMs} (${r.syncedMs}; ${r.firstRenderCpuMs}) | ${f(r.panFit)} | ${f(r.zoom)} | ${f(r.pan100)} | ${f(r.pan33)} | ${f(r.remoteFit)} | ${f(r.remote100)} | ${r.loadBefore}–${r.loadAfter} |`,
  )
  return [
    '| notes | first render ms (sync done; main-thread CPU ms) | pan, fit: frame p50 / p95 (CPU per frame: main thread mean; main thread p95; all browser processes mean) ms | zoom, fit ↔ 100 % | pan, 100 % | pan, 33 % (first words of every note in view) | remote moves, fit | remote moves, 100 % | load average |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n')
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:client failed: ${error instanceof Error ? error.stack : String(error)}\n`)
  process.exit(1)
})
