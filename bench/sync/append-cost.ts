/**
 * CPU per group commit of the SQLite board store, with the update journal and without it
 * (SQLITE_JOURNAL_FOLD_MS=0): one board update of about 60 bytes per commit, one commit per
 * event-loop turn (as core-cost.ts drives them), the journal's folds included (the last one is
 * forced by reading the board). Runs both, alternately, in one process, with the loop alone
 * (no append) as a third column: subtract it for the commit's own cost.
 *
 *   node --import tsx bench/sync/append-cost.ts [--commits 20000] [--pairs 3]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { createSqliteStorage } from '../../server/storage/sqlite/index.ts'

const { values } = parseArgs({ options: { commits: { type: 'string' }, pairs: { type: 'string' } } })
const COMMITS = Number(values.commits ?? 20_000)
const PAIRS = Number(values.pairs ?? 3)
const BOARDS = 20

/** journalFoldMs null: the loop alone, no append (what the other two include besides the commit). */
async function measure(journalFoldMs: number | null): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'kokeileva-append-'))
  const storage = createSqliteStorage(dir, undefined, { journalFoldMs: journalFoldMs ?? 0 })
  try {
    const boards = Array.from({ length: BOARDS }, (_, i) => `board-${i}`)
    for (const id of boards)
      await storage.boards.createBoard(
        { id, title: id, template: 'blank', createdAt: Date.now() },
        new Uint8Array([0, 0]),
      )
    const update = new Uint8Array(60).fill(1)
    const start = process.cpuUsage()
    for (let i = 0; i < COMMITS; i++) {
      if (journalFoldMs !== null) await storage.boards.appendUpdates([{ boardId: boards[i % BOARDS]!, update }])
      await new Promise<void>((resolve) => setImmediate(resolve))
    }
    for (const id of boards) await storage.boards.loadBoardState(id)
    const used = process.cpuUsage(start)
    return (used.user + used.system) / COMMITS
  } finally {
    await storage.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

const round = (us: number) => Math.round(us * 10) / 10
const rows: Array<{ loopOnlyUs: number; sqliteCommitUs: number; journalUs: number }> = []
for (let pair = 0; pair < PAIRS; pair++) {
  const loopOnlyUs = await measure(null)
  const sqliteCommitUs = await measure(0)
  const journalUs = await measure(250)
  rows.push({ loopOnlyUs: round(loopOnlyUs), sqliteCommitUs: round(sqliteCommitUs), journalUs: round(journalUs) })
}
console.log(JSON.stringify(rows, null, 2))
