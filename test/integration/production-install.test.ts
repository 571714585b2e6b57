import { spawn, spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { brotliDecompressSync } from 'node:zlib'
import { describe, expect, it, onTestFinished } from 'vitest'
import { buildServer } from '../../scripts/build/server.ts'
import { connectClient } from '../helpers/clients.ts'
import { eventually } from '../helpers/poll.ts'
import { createBoardVia, tempDataDir } from '../helpers/server.ts'
import { createNote } from '@shared/board/index.ts'

const ROOT = join(import.meta.dirname, '..', '..')
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>
}

/**
 * What `npm ci && npm run build && npm prune --omit=dev` leaves: dist/, the manifests and the
 * production packages only (those package-lock.json does not mark as dev), linked from this
 * checkout's node_modules. scripts/verify-production-install.sh runs those commands literally.
 */
function productionCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kokeileva-prod-'))
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }))
  cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true })
  for (const file of ['package.json', 'package-lock.json']) cpSync(join(ROOT, file), join(dir, file))
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean }>
  }
  for (const [path, entry] of Object.entries(lock.packages)) {
    // Top-level packages only; nested ones come with their parent's directory.
    if (!path.startsWith('node_modules/') || path.indexOf('/node_modules/') !== -1 || entry.dev) continue
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    symlinkSync(join(ROOT, path), join(dir, path), 'dir')
  }
  return dir
}

describe('the production install', () => {
  it('the dependencies are exactly what the built server imports', async () => {
    const out = mkdtempSync(join(tmpdir(), 'kokeileva-server-build-'))
    onTestFinished(() => rmSync(out, { recursive: true, force: true }))
    const { externalPackages } = await buildServer(out)
    expect(externalPackages).toEqual(Object.keys(manifest.dependencies).sort())
  })

  it('runs dist/server with plain node and only the production packages: it serves the app, syncs and backs up', async () => {
    const dir = productionCopy()
    const dataDir = tempDataDir()
    const child = spawn(process.execPath, ['dist/server/main.js'], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    onTestFinished(() => void child.kill('SIGKILL'))
    const logs: Array<{ level: number; msg: string; url?: string }> = []
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('{')) logs.push(JSON.parse(line) as (typeof logs)[number])
    })
    const ready = await eventually(() => {
      if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}: ${stderr}`)
      const line = logs.find((entry) => entry.msg === 'Kokeileva is ready')
      if (!line?.url) throw new Error('not ready yet')
      return line
    })
    const base = ready.url!

    expect((await fetch(`${base}/readyz`)).status).toBe(200)
    const index = await (await fetch(`${base}/`)).text()
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(index)?.[1]
    expect(script).toBeDefined()
    const asset = await fetch(`${base}${script}`, { headers: { 'accept-encoding': 'br' } })
    expect(asset.headers.get('content-encoding')).toBe('br')
    // fetch decodes brotli itself; the body is the JavaScript the page asked for.
    expect((await asset.text()).length).toBeGreaterThan(10_000)
    expect(brotliDecompressSync(readFileSync(join(dir, `dist/client${script}.br`))).length).toBeGreaterThan(10_000)

    // The sync server works, and the SQLite checkpoint worker was found beside the bundle.
    const board = await createBoardVia(base, 'Production')
    const client = connectClient(`${base.replace(/^http/, 'ws')}/sync`, board.id, board.tokens.participant)
    onTestFinished(() => client.destroy())
    await client.synced()
    createNote(client.doc, {
      text: 'Works without the dev dependencies',
      x: 0,
      y: 0,
      color: '#fde68a',
      zone: null,
      authorId: 'tester',
      authorName: 'Tester',
    })
    await eventually(async () => {
      const summary = (await (
        await fetch(`${base}/api/boards/${board.id}`, { headers: { authorization: `Bearer ${board.tokens.viewer}` } })
      ).json()) as { counts: { notes: number } }
      expect(summary.counts.notes).toBe(1)
    })
    child.kill('SIGTERM')
    await eventually(() => child.exitCode === 0)
    expect(logs.filter((entry) => entry.level >= 40)).toEqual([])
    expect(stderr).toBe('')

    // The online backup runs from the build too (`npm run backup`).
    const backup = spawnSync(process.execPath, ['dist/server/backup.js', join(dataDir, 'copy.sqlite')], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir },
      encoding: 'utf8',
    })
    expect(backup.stderr).toBe('')
    expect(backup.stdout).toMatch(/^Backed up 1 boards/)
  })
})
