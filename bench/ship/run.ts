import { spawn, type ChildProcess } from 'node:child_process'
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { chromium } from 'playwright-core'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../test/e2e/browser.ts'
import { freePort, REPO_ROOT } from '../sync/servers.ts'
import { rssMiB, sampleProcessCpu } from '../sync/proc-stats.ts'
import { median } from '../sync/stats.ts'
import { currentCommit, machineInfo, writeResults } from '../results-files.ts'
import { firstLoad, modulesByPart, ROUTES, shellTotal, type RouteName } from '../../scripts/build/first-load.ts'
import { CHUNK_REPORT_FILE } from '../../client/chunk-report.ts'

/**
 * `npm run bench:ship`: what an operator notices of a release — how long a start takes, how
 * much memory an idle server holds, and how many bytes a participant's first board load
 * costs on the wire. Runs any Kokeileva tree, so the same script measures an older release:
 *
 *   npm run bench:ship -- --app /tmp/old-checkout --server "node --import tsx server/main.ts"
 *
 * Results go to bench/results/ship-*.json (with --app, named after that tree's package.json
 * version). The production install size is measured by scripts/verify-production-install.sh.
 *
 * The first load of each route (board, start page, registry) is measured twice: from the
 * build (the files its chunk report says the route fetches, raw and as the server's gzip and
 * brotli copies: scripts/build/first-load.ts; trees built before the report existed have none),
 * and in Chromium with an empty cache (every response until the network is idle).
 */
const { values } = parseArgs({
  options: {
    app: { type: 'string', default: REPO_ROOT },
    server: { type: 'string', default: 'node dist/server/main.js' },
    starts: { type: 'string', default: '5' },
    'idle-s': { type: 'string', default: '10' },
  },
})
const appDir = resolve(values.app)
const command = values.server.split(' ')
const starts = Math.max(2, Number(values.starts))
const idleMs = Number(values['idle-s']) * 1000

const dataDir = mkdtempSync(join(tmpdir(), 'kokeileva-bench-ship-'))
const logFile = join(dataDir, 'server.log')
const port = await freePort()
const base = `http://127.0.0.1:${port}`

interface Started {
  child: ChildProcess
  readyMs: number
  /** CPU time (user + system, all threads) the process spent until it was ready: less sensitive to a busy machine. */
  readyCpuMs: number
}

/** Spawns the server and times it until /readyz answers 200. */
async function start(): Promise<Started> {
  const log = createWriteStream(logFile, { flags: 'a' })
  const began = performance.now()
  const child = spawn(command[0]!, command.slice(1), {
    cwd: appDir,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.pipe(log)
  child.stderr?.pipe(log)
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}; see ${logFile}`)
    const ok = await fetch(`${base}/readyz`).then(
      (response) => response.ok,
      () => false,
    )
    if (ok) return { child, readyMs: performance.now() - began, readyCpuMs: sampleProcessCpu(child.pid!).ticks * 10 }
    await new Promise((resolveWait) => setTimeout(resolveWait, 10))
  }
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolveStop) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolveStop()
    child.once('exit', () => resolveStop())
    child.kill('SIGTERM')
  })
}

interface BoardLoad {
  requests: number
  /** Response bodies as sent (compressed where the server compressed them). */
  wireBodyBytes: number
  wireHeaderBytes: number
  /** The same bodies decoded. */
  decodedBodyBytes: number
}

/** A participant opens a fresh board in a browser with an empty cache. */
async function firstBoardLoad(): Promise<BoardLoad> {
  const created = await fetch(`${base}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Bench', template: 'disney' }),
  })
  const board = (await created.json()) as { links: { participant: string } }
  const link = board.links.participant.replace(/^https?:\/\/[^/]+/, base)
  return browserLoad(link, '[data-testid="connection"][data-state="connected"]')
}

/** A page opened in a browser with an empty cache: every response until the network is idle. */
async function browserLoad(url: string, readySelector: string): Promise<BoardLoad> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true })
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' })
    const page = await context.newPage()
    const responses: Array<Promise<{ wireBody: number; wireHeaders: number; decoded: number }>> = []
    page.on('response', (response) => {
      responses.push(
        Promise.all([response.request().sizes(), response.body().catch(() => Buffer.alloc(0))]).then(
          ([sizes, body]) => ({
            wireBody: sizes.responseBodySize,
            wireHeaders: sizes.responseHeadersSize,
            decoded: body.length,
          }),
        ),
      )
    })
    await page.goto(url, { waitUntil: 'networkidle' })
    await page.locator(readySelector).first().waitFor({ timeout: 30_000 })
    await page.waitForLoadState('networkidle')
    const sizes = await Promise.all(responses)
    return {
      requests: sizes.length,
      wireBodyBytes: sizes.reduce((sum, s) => sum + s.wireBody, 0),
      wireHeaderBytes: sizes.reduce((sum, s) => sum + s.wireHeaders, 0),
      decodedBodyBytes: sizes.reduce((sum, s) => sum + s.decoded, 0),
    }
  } finally {
    await browser.close()
  }
}

/** Each route's first load as the build says (English strings), or null for a tree without a chunk report. */
function firstLoadsFromBuild(): Record<
  RouteName,
  { files: number; raw: number; gzip: number; brotli: number; biggest: string[] }
> | null {
  const clientDir = join(appDir, 'dist', 'client')
  if (!existsSync(join(clientDir, CHUNK_REPORT_FILE))) return null
  const out = {} as Record<RouteName, { files: number; raw: number; gzip: number; brotli: number; biggest: string[] }>
  for (const route of Object.keys(ROUTES) as RouteName[]) {
    const load = firstLoad(clientDir, route, 'en')
    out[route] = {
      files: load.files.length,
      raw: load.raw,
      gzip: load.gzip,
      brotli: load.brotli,
      biggest: modulesByPart(load.modules)
        .slice(0, 8)
        .map(({ part, bytes }) => `${part} ${Math.round(bytes / 1000)} kB`),
    }
  }
  return out
}

const startedAt = new Date().toISOString()
try {
  // The first start on an empty DATA_DIR creates the database and the secrets.
  const first = await start()
  await stop(first.child)
  const restarts: number[] = []
  const restartCpu: number[] = []
  let last: Started | undefined
  for (let i = 0; i < starts; i++) {
    last = await start()
    restarts.push(last.readyMs)
    restartCpu.push(last.readyCpuMs)
    if (i < starts - 1) await stop(last.child)
  }
  const server = last!
  await new Promise((resolveWait) => setTimeout(resolveWait, idleMs))
  const idleRss = rssMiB(server.child.pid!)
  const load = await firstBoardLoad()
  const startLoad = await browserLoad(`${base}/`, 'h1')
  const registryLoad = await browserLoad(`${base}/ideas`, 'main h1')
  await stop(server.child)
  const fromBuild = firstLoadsFromBuild()
  const { version } = JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8')) as { version: string }
  const result = {
    version,
    commit: appDir === REPO_ROOT ? currentCommit() : 'other tree',
    app: appDir,
    server: values.server,
    machine: machineInfo(),
    firstStartMs: Math.round(first.readyMs),
    restartMs: restarts.map(Math.round),
    restartMedianMs: Math.round(median(restarts)),
    restartCpuMs: restartCpu,
    restartCpuMedianMs: median(restartCpu),
    idleRssMiB: Math.round(idleRss * 10) / 10,
    firstBoardLoad: load,
    firstLoadInBrowser: { board: load, start: startLoad, registry: registryLoad },
    firstLoadFromBuild: fromBuild,
    /** What the service worker then fetches in the background for the offline shell. */
    serviceWorkerShell: fromBuild ? shellTotal(join(appDir, 'dist', 'client')) : null,
  }
  const kB = (bytes: number) => `${Math.round(bytes / 1000)} kB`
  const table = [
    '| version | start until ready (median) | CPU time of a start (median) | idle RSS | first board load on the wire (bodies + headers) | decoded |',
    '|---|---|---|---|---|---|',
    `| ${version} | ${result.restartMedianMs} ms | ${result.restartCpuMedianMs} ms | ${result.idleRssMiB} MiB | ${kB(load.wireBodyBytes + load.wireHeaderBytes)} in ${load.requests} requests | ${kB(load.decodedBodyBytes)} |`,
  ].join('\n')
  const routeRows = (Object.keys(ROUTES) as RouteName[]).map((route) => {
    const inBrowser = result.firstLoadInBrowser[route]
    const built = fromBuild?.[route]
    const fromBuildCells = built
      ? `${built.files} | ${kB(built.raw)} | ${kB(built.gzip)} | ${kB(built.brotli)}`
      : '— | — | — | —'
    return `| ${route} (\`${ROUTES[route].path}\`) | ${fromBuildCells} | ${kB(inBrowser.wireBodyBytes + inBrowser.wireHeaderBytes)} in ${inBrowser.requests} requests |`
  })
  const routeTable = [
    '| first load (English) | files | raw | gzip | brotli | in Chromium on the wire (bodies + headers, with the API) |',
    '|---|---|---|---|---|---|',
    ...routeRows,
  ].join('\n')
  const shell = result.serviceWorkerShell
  const shellLine = shell
    ? `\n\nAfter the first page has loaded, the service worker precaches the app shell for offline use: ${shell.files} files, ${kB(shell.raw)} raw, ${kB(shell.gzip)} gzip, ${kB(shell.brotli)} brotli (less what the HTTP cache already holds).`
    : ''
  const tables = `${table}\n\n${routeTable}${shellLine}`
  const file = writeResults(`ship-${version}`, startedAt, result, tables)
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n\n${tables}\n\n${file}\n`)
} finally {
  rmSync(dataDir, { recursive: true, force: true })
}
