import { randomBytes } from 'node:crypto'
import {
  closeSync,
  existsSync,
  openSync,
  readSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { TokenService } from '../../server/auth/tokens.ts'
import { createSqliteStorage, SQLITE_FILE } from '../../server/storage/sqlite/index.ts'
import { runChildServerToExit, startChildServer } from '../helpers/child-server.ts'
import { eventually } from '../helpers/poll.ts'
import { tempDataDir } from '../helpers/server.ts'

/**
 * A database file emptied by a failed copy or restore, deleted, or with garbage pages. The
 * server must never take a data directory that has held a database for a fresh install;
 * damage found at start stops it with one clear line; damage found while it runs makes it
 * unready (GET /readyz 503) and is logged at error level.
 */
const SECRET = randomBytes(32).toString('base64url')
const BOARDS = 40

/** A data directory with a database the server made: boards with snapshots and logs. */
async function populatedDataDir(): Promise<{ dir: string; boardIds: string[] }> {
  const dir = tempDataDir()
  const storage = createSqliteStorage(dir)
  const boardIds: string[] = []
  try {
    for (let i = 0; i < BOARDS; i++) {
      const id = `board${String(i).padStart(4, '0')}xyz`
      boardIds.push(id)
      await storage.boards.createBoard({ id, title: `Board ${i}`, template: 'blank', createdAt: i }, randomBytes(3000))
      await storage.boards.appendUpdates([{ boardId: id, update: randomBytes(500) }])
    }
  } finally {
    await storage.close()
  }
  return { dir, boardIds }
}

function pageSizeOf(path: string): number {
  const header = Buffer.alloc(100)
  const fd = openSync(path, 'r')
  try {
    readSync(fd, header, 0, 100, 0)
  } finally {
    closeSync(fd)
  }
  const size = header.readUInt16BE(16)
  return size === 1 ? 65536 : size
}

/** Overwrites pages (1-based) of the database file with random bytes, as a failing disk or a bad copy would. */
function garblePages(path: string, pages: (count: number) => number[]): void {
  const pageSize = pageSizeOf(path)
  const count = statSync(path).size / pageSize
  const fd = openSync(path, 'r+')
  try {
    for (const page of pages(count)) writeSync(fd, randomBytes(pageSize), 0, pageSize, (page - 1) * pageSize)
  } finally {
    closeSync(fd)
  }
}

const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i)

/** The refusal: a non-zero exit and exactly one line on stderr, nothing else. */
function expectOneLineRefusal(exit: { code: number | null; stderr: string; stdout: string }, words: RegExp): void {
  expect(exit.stdout).not.toContain('Kokeileva is ready')
  expect(exit.code).not.toBe(0)
  expect(exit.code).not.toBeNull()
  const lines = exit.stderr.split('\n').filter((line) => line.trim() !== '')
  expect(lines, exit.stderr).toHaveLength(1)
  expect(lines[0]).toMatch(words)
}

describe('a damaged or emptied SQLite database', { timeout: 60_000 }, () => {
  it('a zero-length database file where a database was refuses to start, and the file stays as it was', async () => {
    const { dir } = await populatedDataDir()
    const path = join(dir, SQLITE_FILE)
    truncateSync(path, 0)
    const exit = await runChildServerToExit(dir, { SECRET })
    expectOneLineRefusal(exit, /kokeileva\.sqlite.*empty/i)
    expect(statSync(path).size).toBe(0)
  })

  it('a zero-length database file in a new data directory (a failed copy) refuses to start', async () => {
    const dir = tempDataDir()
    writeFileSync(join(dir, SQLITE_FILE), '')
    const exit = await runChildServerToExit(dir, { SECRET })
    expectOneLineRefusal(exit, /kokeileva\.sqlite.*empty/i)
  })

  it('a deleted database in a data directory that has held one refuses to start, and creates nothing', async () => {
    const { dir } = await populatedDataDir()
    rmSync(join(dir, SQLITE_FILE))
    const exit = await runChildServerToExit(dir, { SECRET })
    expectOneLineRefusal(exit, /kokeileva\.sqlite.*(missing|not there)/i)
    expect(existsSync(join(dir, SQLITE_FILE))).toBe(false)
  })

  it('garbage pages found at start stop the server with one clear line', async () => {
    const { dir } = await populatedDataDir()
    garblePages(join(dir, SQLITE_FILE), (count) => range(Math.floor(count / 3), Math.floor(count / 3) + 4))
    const exit = await runChildServerToExit(dir, { SECRET })
    expectOneLineRefusal(exit, /damaged/i)
  })

  it('a garbled file header found at start stops the server with one clear line', async () => {
    const { dir } = await populatedDataDir()
    garblePages(join(dir, SQLITE_FILE), () => [1])
    const exit = await runChildServerToExit(dir, { SECRET })
    expectOneLineRefusal(exit, /damaged|not a database/i)
  })

  it('damage found while running: /readyz fails, requests get 503, the damage is logged at error level', async () => {
    const { dir, boardIds } = await populatedDataDir()
    const server = await startChildServer(dir, { SECRET })
    const logs: Array<{ level: number; msg: string }> = []
    server.process.stdout?.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (line.startsWith('{')) logs.push(JSON.parse(line))
    })
    try {
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200)
      // Every page but the first (the schema, read at start) becomes garbage under the running server.
      garblePages(join(dir, SQLITE_FILE), (count) => range(2, count + 1))
      const token = new TokenService(SECRET).sign(boardIds[7]!, 'viewer')
      const response = await fetch(`${server.url}/api/boards/${boardIds[7]}`, {
        headers: { authorization: `Bearer ${token}` },
      })
      expect(response.status).toBe(503)
      expect(await response.json()).toMatchObject({ error: 'unavailable' })
      const ready = await fetch(`${server.url}/readyz`)
      expect(ready.status).toBe(503)
      expect(await ready.json()).toMatchObject({ status: 'unavailable', checks: { storage: false } })
      await eventually(() => expect(logs.some((entry) => entry.level >= 50 && /damaged/i.test(entry.msg))).toBe(true))
    } finally {
      server.kill('SIGKILL')
      await server.exited
    }
  })
})
