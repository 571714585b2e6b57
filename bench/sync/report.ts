import { replaceReadmeBlock } from '../readme-block.ts'
import type { ColdLoadResult } from './cold-load.ts'
import type { CoreCost } from './core-cost.ts'
import type { DrivenRun } from './drive.ts'

export interface WorkloadComparison {
  id: string
  title: string
  runs: Array<{ server: 'reference' | 'kokeileva'; round: number; run: DrivenRun }>
}

export interface SyncBenchResult {
  startedAt: string
  /** The commit the run measured (uncommitted changes are not recorded). */
  commit: string
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; quiet: boolean; note: string }
  settings: { warmupS: number; measureS: number; drainTimeoutS: number; rounds: number }
  workloads: WorkloadComparison[]
  /** Per workload: Kokeileva's median over rounds divided by the reference's. */
  ratios: Array<{ id: string; p99: number; cpu: number; delivered: boolean; targetMet: boolean }>
  coldLoad: ColdLoadResult | null
  boardMemory: { emptyBoardKiB: number; bigBoardMiB: number; bareDocMiB: number; notes: number } | null
  coreCost: CoreCost[] | null
}

const TARGET_RATIO = 1.25

const medianOf = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

export function ratios(workloads: WorkloadComparison[]): SyncBenchResult['ratios'] {
  return workloads.map((workload) => {
    const of = (server: 'reference' | 'kokeileva') => workload.runs.filter((r) => r.server === server).map((r) => r.run)
    const ours = of('kokeileva')
    const ref = of('reference')
    const p99 = medianOf(ours.map((r) => r.workload.latency.p99Ms)) / medianOf(ref.map((r) => r.workload.latency.p99Ms))
    const cpu =
      medianOf(ours.map((r) => r.servers[0]?.cpuPercent ?? Number.NaN)) /
      medianOf(ref.map((r) => r.servers[0]?.cpuPercent ?? Number.NaN))
    const delivered = ours.every((r) => r.workload.deliveredShare === 1)
    return {
      id: workload.id,
      p99: Math.round(p99 * 100) / 100,
      cpu: Math.round(cpu * 100) / 100,
      delivered,
      targetMet: delivered && p99 <= TARGET_RATIO && cpu <= TARGET_RATIO,
    }
  })
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
      `${result.settings.rounds} round(s). ${result.machine.note}`,
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
    '| workload | p99 ratio (Kokeileva / reference) | CPU ratio | every update delivered | target (≤ 1.25×, all delivered) |',
    '|---|---|---|---|---|',
  )
  for (const ratio of result.ratios) {
    const title = result.workloads.find((w) => w.id === ratio.id)?.title ?? ratio.id
    lines.push(
      `| ${title} | ${ratio.p99} | ${ratio.cpu} | ${ratio.delivered ? 'yes' : 'no'} | ${ratio.targetMet ? 'met' : 'missed'} |`,
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
