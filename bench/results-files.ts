import { spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { join } from 'node:path'
import { REPO_ROOT } from './sync/servers.ts'

/** The machine a benchmark ran on, as every result file records it. */
export function machineInfo(): { cpus: number; cpuModel: string; memoryGiB: number; node: string } {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 1024 ** 3),
    node: process.versions.node,
  }
}

/** The commit a run measured (uncommitted changes are not recorded). */
export function currentCommit(): string {
  return (
    spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).stdout.trim() || 'unknown'
  )
}

/**
 * Writes bench/results/<name>-<time>.json, <name>-latest.json and <name>-latest.md; returns
 * the timestamped file's path relative to the repository.
 */
export function writeResults(name: string, startedAt: string, result: unknown, table: string): string {
  const dir = join(REPO_ROOT, 'bench/results')
  mkdirSync(dir, { recursive: true })
  const stamp = startedAt.replace(/[:.]/g, '-').slice(0, 19)
  const json = `${JSON.stringify(result, null, 2)}\n`
  writeFileSync(join(dir, `${name}-${stamp}.json`), json)
  writeFileSync(join(dir, `${name}-latest.json`), json)
  writeFileSync(join(dir, `${name}-latest.md`), `${table}\n`)
  return `bench/results/${name}-${stamp}.json`
}
