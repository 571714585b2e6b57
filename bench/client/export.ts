import { readFile } from 'node:fs/promises'
import type { Page } from 'playwright-core'
import { currentBuild } from '../../scripts/build/build.ts'
import { browserAvailable, launchChromium } from '../../test/e2e/browser.ts'
import { disneyBoard } from '../../test/helpers/disney-board.ts'
import { startServer } from '../../test/helpers/server.ts'
import { currentCommit, machineInfo, writeResults } from '../results-files.ts'
import { startFrames, stopFrames, type FrameStats } from './frames.ts'

/**
 * `npm run bench:export`: the Download panel's picture exports of a Disney board with 200
 * notes (zones grown to hold them) in headless Chromium at 1280×800: time from the click to
 * the download, file size, the picture's size, and how the page kept up meanwhile — the
 * longest gap between animation frames and the longest main-thread task (a frozen tab
 * shows as one long task).
 */
const NOTES = Number(process.env['BENCH_EXPORT_NOTES'] ?? 200)
const RUNS = 3
const FORMATS = ['Picture (PNG)', 'PDF'] as const

interface Run {
  ms: number
  bytes: number
  status: string
  frames: FrameStats
  longestTaskMs: number
}

async function exportOnce(page: Page, format: (typeof FORMATS)[number]): Promise<Run> {
  const panel = page.getByTestId('panel-export')
  await panel.getByRole('radio', { name: new RegExp(`^${format.replace(/[()]/g, '\\$&')}`) }).check()
  await page.evaluate(`(() => {
    window.__longTasks = []
    window.__observer?.disconnect()
    window.__observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks.push(entry.duration)
    })
    window.__observer.observe({ type: 'longtask' })
  })()`)
  await startFrames(page)
  const download = page.waitForEvent('download', { timeout: 300_000 })
  const started = performance.now()
  await panel.getByRole('button', { name: 'Download', exact: true }).click()
  const file = await download
  const ms = Math.round(performance.now() - started)
  const frames = await stopFrames(page)
  const longTasks = await page.evaluate<number[]>('window.__longTasks')
  const bytes = (await readFile(await file.path())).length
  const status = (await panel.getByTestId('picture-status').textContent()) ?? ''
  return { ms, bytes, status, frames, longestTaskMs: Math.round(Math.max(0, ...longTasks)) }
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0

async function main(): Promise<void> {
  if (!browserAvailable()) {
    process.stderr.write('bench:export needs Chromium at /usr/bin/chromium (apt-get install chromium).\n')
    process.exit(1)
  }
  const startedAt = new Date().toISOString()
  const dist = (await currentBuild()).clientDir
  const server = await startServer({}, { clientDistDir: dist })
  const browser = await launchChromium()
  const results: Record<string, Run[]> = {}
  try {
    const made = await disneyBoard(server, NOTES, { grow: true })
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true })
    const page = await context.newPage()
    await page.goto(made.board.links.participant.replace(/^https?:\/\/[^/]+/, server.url))
    await page.waitForFunction(() => performance.getEntriesByName('kokeileva:first-render').length > 0, null, {
      timeout: 60_000,
    })
    await page.getByTestId('panel-button-export').click()
    for (const format of FORMATS) {
      results[format] = []
      for (let run = 0; run < RUNS; run++) {
        const result = await exportOnce(page, format)
        results[format].push(result)
        process.stdout.write(`${format} run ${run + 1}: ${JSON.stringify(result)}\n`)
      }
    }
    made.facilitator.destroy()
  } finally {
    await browser.close()
    await server.close()
  }
  const rows = FORMATS.map((format) => {
    const runs = results[format] ?? []
    const size = (median(runs.map((run) => run.bytes)) / 1024 / 1024).toFixed(1)
    return `| ${format} | ${median(runs.map((run) => run.ms))} (${runs.map((run) => run.ms).join(', ')}) | ${size} MB | ${runs[0]?.status ?? ''} | ${Math.max(...runs.map((run) => run.frames.max))} | ${Math.max(...runs.map((run) => run.longestTaskMs))} |`
  })
  const table = [
    `| ${NOTES} notes, Disney board | click → download ms, median (runs) | file | what was made | longest frame gap ms | longest main-thread task ms |`,
    '|---|---:|---:|---|---:|---:|',
    ...rows,
  ].join('\n')
  const file = writeResults(
    'export',
    startedAt,
    { benchmark: 'export', date: startedAt, commit: currentCommit(), machine: machineInfo(), notes: NOTES, results },
    table,
  )
  process.stdout.write(`\n${table}\nwritten to ${file}\n`)
  process.exit(0)
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:export failed: ${error instanceof Error ? error.stack : String(error)}\n`)
  process.exit(1)
})
