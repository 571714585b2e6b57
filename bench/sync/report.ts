import { replaceReadmeBlock } from '../readme-block.ts'
import type { ColdLoadResult } from './cold-load.ts'
import type { CoreCost } from './core-cost.ts'
import type { DrivenRun } from './drive.ts'
import type { ServerKind } from './servers.ts'
import { median } from './stats.ts'

export interface WorkloadComparison {
  id: string
  title: string
  runs: Array<{ server: ServerKind; round: number; run: DrivenRun }>
}

export interface SyncBenchResult {
  startedAt: string
  /** The commit the run measured (uncommitted changes are not recorded). */
  commit: string
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; quiet: boolean; note: string }
  settings: {
    warmupS: number
    measureS: number
    drainTimeoutS: number
    rounds: number
    /** Load-generator processes a workload's boards were split over (absent: one, before 2026-12-06). */
    generators?: number
  }
  workloads: WorkloadComparison[]
  /** Per workload and peer: Kokeileva's median over rounds divided by the peer's. */
  ratios: Array<{
    id: string
    peer: ServerKind
    p99: number
    cpu: number
    delivered: boolean
    /** The target against this peer: ≤ 1.25× the in-memory reference, ≤ 1× a durable peer. */
    target: number
    targetMet: boolean
  }>
  coldLoad: ColdLoadResult | null
  boardMemory: { emptyBoardKiB: number; bigBoardMiB: number; bareDocMiB: number; notes: number } | null
  coreCost: CoreCost[] | null
}

/** Issue 17: within 1.25× of the in-memory reference, at or below each durable peer. */
const TARGET_RATIO: Record<Exclude<ServerKind, 'kokeileva'>, number> = {
  reference: 1.25,
  'reference-leveldb': 1,
  hocuspocus: 1,
}

/** What each server is called in the tables. */
export const SERVER_TITLES: Record<ServerKind, string> = {
  kokeileva: 'Kokeileva (SQLite, durable before fan-out)',
  reference: 'y-websocket 1.5.4, in memory',
  'reference-leveldb': 'y-websocket 1.5.4 + y-leveldb (YPERSISTENCE)',
  hocuspocus: 'Hocuspocus 3.4.4 + SQLite extension',
}

export function ratios(workloads: WorkloadComparison[]): SyncBenchResult['ratios'] {
  const result: SyncBenchResult['ratios'] = []
  for (const workload of workloads) {
    const of = (server: ServerKind) => workload.runs.filter((r) => r.server === server).map((r) => r.run)
    const ours = of('kokeileva')
    if (ours.length === 0) continue
    const delivered = ours.every((r) => r.workload.deliveredShare === 1)
    for (const peer of ['reference', 'reference-leveldb', 'hocuspocus'] as const) {
      const theirs = of(peer)
      if (theirs.length === 0) continue
      const p99 =
        median(ours.map((r) => r.workload.latency.p99Ms)) / median(theirs.map((r) => r.workload.latency.p99Ms))
      const cpu =
        median(ours.map((r) => r.servers[0]?.cpuPercent ?? Number.NaN)) /
        median(theirs.map((r) => r.servers[0]?.cpuPercent ?? Number.NaN))
      const target = TARGET_RATIO[peer]
      result.push({
        id: workload.id,
        peer,
        p99: Math.round(p99 * 100) / 100,
        cpu: Math.round(cpu * 100) / 100,
        delivered,
        target,
        targetMet: delivered && p99 <= target && cpu <= target,
      })
    }
  }
  return result
}

/** Server CPU time per 1,000 deliveries: CPU normalised by the work the server actually did. */
export function cpuPerThousand(run: DrivenRun): number {
  const cpuMs = ((run.servers[0]?.cpuPercent ?? Number.NaN) / 100) * run.workload.measureMs
  return Math.round((cpuMs / (run.workload.delivered / 1000)) * 100) / 100
}

const pct = (share: number) => `${(share * 100).toFixed(share === 1 ? 0 : 2)} %`

export function markdown(result: SyncBenchResult): string {
  const lines: string[] = []
  lines.push(
    `Run ${result.startedAt.slice(0, 16).replace('T', ' ')} UTC at commit ${result.commit} on ${result.machine.cpus} cores (${result.machine.cpuModel}), ` +
      `Node ${result.machine.node}; warm-up ${result.settings.warmupS} s, window ${result.settings.measureS} s, ` +
      `${result.settings.rounds} round(s), ${result.settings.generators ?? 1} load-generator process(es) where a workload has boards enough. ${result.machine.note}`,
    '',
    '| workload | server | round | p50 ms | p95 ms | p99 ms | delivered | server CPU % | server CPU ms per 1,000 deliveries | server RSS MiB | load generator CPU % | other load on the machine % |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  )
  for (const workload of result.workloads) {
    for (const { server, round, run } of workload.runs) {
      const w = run.workload
      const s = run.servers[0]
      lines.push(
        `| ${workload.title} | ${server} | ${round} | ${w.latency.p50Ms} | ${w.latency.p95Ms} | ${w.latency.p99Ms} | ` +
          `${pct(w.deliveredShare)} (${w.delivered}/${w.expectedDeliveries}) | ${s?.cpuPercent ?? '–'} | ${cpuPerThousand(run)} | ${s?.rssMaxMiB ?? '–'} | ` +
          `${run.loadgenCpuPercent} | ${run.otherBusyPercent} |`,
      )
    }
  }
  lines.push(
    '',
    '| workload | Kokeileva against | p99 ratio (Kokeileva / peer) | CPU ratio | Kokeileva delivered every update | target | |',
    '|---|---|---|---|---|---|---|',
  )
  for (const ratio of result.ratios) {
    const title = result.workloads.find((w) => w.id === ratio.id)?.title ?? ratio.id
    lines.push(
      `| ${title} | ${SERVER_TITLES[ratio.peer]} | ${ratio.p99} | ${ratio.cpu} | ${ratio.delivered ? 'yes' : 'no'} | ≤ ${ratio.target}× | ${ratio.targetMet ? 'met' : 'missed'} |`,
    )
  }
  if (result.coldLoad) {
    const c = result.coldLoad
    lines.push(
      '',
      `| board of ${c.notes.toLocaleString('en')} notes | median ms | runs (ms) |`,
      '|---|---|---|',
      `| Kokeileva cold load (server restarted, connect → synced) | ${c.coldMedianMs} | ${c.coldMs.join(', ')} |`,
      `| … of which the server's load (SQLite read + building the document, from its log) | ${c.serverLoadMedianMs} | ${c.serverLoadMs.join(', ')} |`,
      `| Kokeileva, board already loaded | ${c.warmMedianMs} | ${c.warmMs.join(', ')} |`,
      `| reference, board in memory | ${c.referenceMedianMs} | ${c.referenceMs.join(', ')} |`,
    )
  }
  if (result.boardMemory || result.coldLoad) {
    lines.push('', '| memory of one loaded board | |', '|---|---|')
    if (result.boardMemory) {
      const m = result.boardMemory
      lines.push(
        `| ${m.notes.toLocaleString('en')} notes, heap + external after GC (in-process) | ${m.bigBoardMiB} MiB |`,
        `| … the same board as a bare Y.Doc (what any Yjs server holds), same method | ${m.bareDocMiB} MiB |`,
        `| empty board (blank template), same method | ${m.emptyBoardKiB} KiB |`,
      )
    }
    if (result.coldLoad) {
      lines.push(
        `| ${result.coldLoad.notes.toLocaleString('en')} notes, server RSS after − before the cold load | ${result.coldLoad.rssDeltaMiB} MiB (${result.coldLoad.rssBeforeMiB} → ${result.coldLoad.rssAfterMiB}) |`,
      )
    }
  }
  if (result.coreCost) {
    lines.push(
      '',
      '| processing per update, in process, no sockets, one update per event-loop turn | Kokeileva µs CPU | reference µs CPU | ratio |',
      '|---|---|---|---|',
    )
    for (const c of result.coreCost) {
      const title = result.workloads.find((w) => w.id === c.workload)?.title ?? c.workload
      lines.push(
        `| ${title} (${c.updates} updates) | ${c.kokeilevaUsPerUpdate} | ${c.referenceUsPerUpdate} | ${c.ratio} |`,
      )
    }
  }
  return lines.join('\n')
}

/** Replaces the sync results block in a README (adds a Benchmarks section when missing). */
export function updateReadme(path: string, table: string): void {
  replaceReadmeBlock(path, 'sync', table, '## Benchmarks')
}
