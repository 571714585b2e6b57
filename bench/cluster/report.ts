import { replaceReadmeBlock } from '../readme-block.ts'
import type { DrivenRun } from '../sync/drive.ts'

export interface ClusterRun {
  workload: string
  title: string
  /** 'sqlite-1' or 'cluster-N'. */
  setup: string
  label: string
  processes: number
  round: number
  run: DrivenRun
}

export interface ClusterBenchResult {
  startedAt: string
  commit: string
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; note: string }
  settings: { warmupS: number; measureS: number; drainTimeoutS: number; rounds: number }
  runs: ClusterRun[]
}

/** The median; of an even count, the mean of the middle two (two rounds: their mean). */
const medianOf = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  if (sorted.length === 0) return Number.NaN
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
}
const round2 = (value: number) => Math.round(value * 100) / 100

/** Deliveries per second inside the measurement window. */
export function throughput(run: DrivenRun): number {
  return Math.round(run.workload.delivered / (run.workload.measureMs / 1000))
}

const serverCpu = (run: DrivenRun) => Math.round(run.servers.reduce((sum, s) => sum + s.cpuPercent, 0) * 10) / 10

export function markdown(result: ClusterBenchResult): string {
  const lines = [
    `Run ${result.startedAt.slice(0, 16).replace('T', ' ')} UTC at commit ${result.commit} on ${result.machine.cpus} cores (${result.machine.cpuModel}), ` +
      `Node ${result.machine.node}; warm-up ${result.settings.warmupS} s, window ${result.settings.measureS} s, ${result.settings.rounds} round(s). ` +
      'PostgreSQL, Redis, every server process and the load generator share these cores. ' +
      result.machine.note,
    '',
    '| workload | setup | round | p50 ms | p99 ms | deliveries/s | delivered | servers CPU % (sum) | load generator CPU % | PostgreSQL, Redis and other load % |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ]
  for (const r of result.runs) {
    const w = r.run.workload
    lines.push(
      `| ${r.title} | ${r.label} | ${r.round} | ${w.latency.p50Ms} | ${w.latency.p99Ms} | ${throughput(r.run)} | ` +
        `${(w.deliveredShare * 100).toFixed(w.deliveredShare === 1 ? 0 : 2)} % | ${serverCpu(r.run)} | ${r.run.loadgenCpuPercent} | ${r.run.otherBusyPercent} |`,
    )
  }
  lines.push(
    '',
    "Medians over rounds, divided by the single PostgreSQL + Redis process's:",
    '',
    '| workload | setup | p50 / single process | p99 / single process | throughput / single process |',
    '|---|---|---|---|---|',
  )
  for (const row of relative(result.runs)) {
    lines.push(`| ${row.title} | ${row.label} | ${row.p50} | ${row.p99} | ${row.throughput} |`)
  }
  return lines.join('\n')
}

/**
 * Medians over rounds, divided by the single PostgreSQL + Redis process's (the same storage and
 * relay; the SQLite row shows what the embedded default does on the same workload).
 */
export function relative(
  runs: ClusterRun[],
): Array<{ title: string; label: string; p50: number; p99: number; throughput: number }> {
  const rows: Array<{ title: string; label: string; p50: number; p99: number; throughput: number }> = []
  const workloads = [...new Set(runs.map((r) => r.workload))]
  for (const workload of workloads) {
    const of = (setup: string) => runs.filter((r) => r.workload === workload && r.setup === setup).map((r) => r.run)
    const base = of('cluster-1')
    if (base.length === 0) continue
    const baseP50 = medianOf(base.map((r) => r.workload.latency.p50Ms))
    const baseP99 = medianOf(base.map((r) => r.workload.latency.p99Ms))
    const baseThroughput = medianOf(base.map(throughput))
    for (const setup of [...new Set(runs.filter((r) => r.workload === workload).map((r) => r.setup))]) {
      const these = of(setup)
      const first = runs.find((r) => r.workload === workload && r.setup === setup)
      if (!first) continue
      rows.push({
        title: first.title,
        label: first.label,
        p50: round2(medianOf(these.map((r) => r.workload.latency.p50Ms)) / baseP50),
        p99: round2(medianOf(these.map((r) => r.workload.latency.p99Ms)) / baseP99),
        throughput: round2(medianOf(these.map(throughput)) / baseThroughput),
      })
    }
  }
  return rows
}

/** Replaces the cluster results block in the README. */
export function updateReadme(path: string, table: string): void {
  replaceReadmeBlock(path, 'cluster', table, '### Several processes (`npm run bench:cluster`)')
}
