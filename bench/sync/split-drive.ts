import { driveLoad, type DrivenRun, type ServerWindowStats, type StartGate } from './drive.ts'
import { median, round, roundedMedian, Samples } from './stats.ts'
import type { WorkloadConfig, WorkloadResult } from './workload.ts'

/** One load generator's share of a split run. */
export interface GeneratorShare {
  boards: number
  /** Percent of one core over its window. */
  cpuPercent: number
  eventLoopDelayP99Ms: number
}

export interface SplitRun extends DrivenRun {
  generators: GeneratorShare[]
}

/**
 * Runs a workload's boards over `generators` load-generator processes at once, whole boards
 * each (a move's sender and receivers share one clock), and merges what they measured into
 * one run: latency percentiles over every delivery of every generator (each sends its
 * samples back: exact, not an estimate from per-process percentiles), counts summed, the
 * servers' CPU the median of the generators' windows (they start their load together, once
 * every one is set up). One generator, or a single board, runs as driveLoad does.
 *
 * Why: one generator holding every client delays its own receipts — its event loop's p99
 * was 13–16 ms on a 2-core machine at ~35 % of a core — and at light loads that delay, not
 * the server's, decides the p99 being compared.
 */
export async function driveSplit(
  config: WorkloadConfig,
  generators: number,
  serverPids: readonly number[],
  log: (line: string) => void,
): Promise<SplitRun> {
  const count = Math.max(1, Math.min(Math.floor(generators), config.boards.length))
  // The generators set up at their own pace but start moving notes together, so their
  // measurement windows (and the server's CPU sampled in each) are the same seconds.
  let waiting = count
  let open = () => {}
  const gate: StartGate = {
    start: new Promise<void>((resolve) => (open = resolve)),
    ready: () => {
      if (--waiting === 0) open()
    },
  }
  const shares = Array.from({ length: count }, (_, g) => config.boards.filter((_, i) => i % count === g))
  const runs = await Promise.all(
    shares.map((boards, g) =>
      driveLoad(
        { ...config, boards, keepSamples: count > 1 },
        serverPids,
        (line) => log(count > 1 ? line.replace('[loadgen]', `[loadgen ${g + 1}]`) : line),
        count > 1 ? gate : undefined,
      ).catch((error: unknown) => {
        open() // a generator that failed must not hold the others at the gate
        throw error
      }),
    ),
  )
  const generatorShares = runs.map((run) => ({
    boards: run.workload.boards,
    cpuPercent: run.loadgenCpuPercent,
    eventLoopDelayP99Ms: run.workload.generator.eventLoopDelayP99Ms,
  }))
  const [only] = runs
  if (runs.length === 1 && only) return { ...only, generators: generatorShares }
  return { ...mergeRuns(runs, serverPids), generators: generatorShares }
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0)

/** One run from several generators' runs of the same workload (each with its latency samples). */
export function mergeRuns(runs: DrivenRun[], serverPids: readonly number[]): DrivenRun {
  const workloads = runs.map((run) => run.workload)
  const provider = new Samples()
  const probe = new Samples()
  const all = new Samples()
  for (const { samples } of workloads) {
    if (!samples) throw new Error('a generator of a split run sent no latency samples')
    provider.addAll(samples.provider)
    probe.addAll(samples.probe)
    all.addAll(samples.provider)
    all.addAll(samples.probe)
  }
  const first = workloads[0] as WorkloadResult
  const clients = sum(workloads.map((w) => w.clients))
  const sent = sum(workloads.map((w) => w.sent))
  const measureMs = median(workloads.map((w) => w.measureMs))
  const expectedDeliveries = sum(workloads.map((w) => w.expectedDeliveries))
  const delivered = sum(workloads.map((w) => w.delivered))
  const workload: WorkloadResult = {
    ...first,
    boards: sum(workloads.map((w) => w.boards)),
    clients,
    measureMs,
    setupMs: Math.max(...workloads.map((w) => w.setupMs)),
    sent,
    achievedRateHz: round(sent / clients / (measureMs / 1000)),
    expectedDeliveries,
    delivered,
    deliveredShare: expectedDeliveries ? delivered / expectedDeliveries : 1,
    superseded: sum(workloads.map((w) => w.superseded)),
    latency: all.summary(),
    latencyByReceiver: { provider: provider.summary(), probe: probe.summary() },
    decodedUpdates: sum(workloads.map((w) => w.decodedUpdates)),
    converged: workloads.every((w) => w.converged),
    disconnects: sum(workloads.map((w) => w.disconnects)),
    generator: {
      cpuPercent: round(sum(workloads.map((w) => w.generator.cpuPercent)), 1),
      eventLoopDelayP99Ms: Math.max(...workloads.map((w) => w.generator.eventLoopDelayP99Ms)),
      eventLoopDelayMaxMs: Math.max(...workloads.map((w) => w.generator.eventLoopDelayMaxMs)),
    },
  }
  delete workload.samples
  const servers: ServerWindowStats[] = serverPids.map((pid, i) => {
    const windows = runs.map((run) => run.servers[i])
    return {
      pid,
      cpuPercent: roundedMedian(windows.map((w) => w?.cpuPercent ?? Number.NaN)),
      rssMeanMiB: roundedMedian(windows.map((w) => w?.rssMeanMiB ?? Number.NaN)),
      rssMaxMiB: Math.max(...windows.map((w) => w?.rssMaxMiB ?? 0)),
    }
  })
  const loadgenCpuPercent = round(sum(runs.map((run) => run.loadgenCpuPercent)), 1)
  const machineBusyPercent = roundedMedian(runs.map((run) => run.machineBusyPercent))
  const serversCpu = sum(servers.map((server) => server.cpuPercent))
  return {
    workload,
    servers,
    loadgenCpuPercent,
    machineBusyPercent,
    otherBusyPercent: round(Math.max(0, machineBusyPercent - serversCpu - loadgenCpuPercent), 1),
    loadAverageBefore: runs[0]?.loadAverageBefore ?? [0, 0, 0],
  }
}
