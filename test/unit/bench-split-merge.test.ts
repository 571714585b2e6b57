import { describe, expect, it } from 'vitest'
import type { DrivenRun } from '../../bench/sync/drive.ts'
import { mergeRuns } from '../../bench/sync/split-drive.ts'
import { Samples } from '../../bench/sync/stats.ts'
import type { WorkloadResult } from '../../bench/sync/workload.ts'

/**
 * bench:sync and bench:capacity split a workload over load-generator processes and merge what
 * they measured (bench/sync/split-drive.ts): the merged percentiles must be those of every
 * delivery together, not of any one generator, and the counts their sums.
 */
function generatorRun(provider: number[], probe: number[], serverCpu: number, loadgenCpu: number): DrivenRun {
  const all = new Samples()
  all.addAll([...provider, ...probe])
  const providerSamples = new Samples()
  providerSamples.addAll(provider)
  const probeSamples = new Samples()
  probeSamples.addAll(probe)
  const count = provider.length + probe.length
  const workload: WorkloadResult = {
    name: 'a',
    boards: 10,
    clientsPerBoard: 10,
    clients: 100,
    servers: 1,
    rateHz: 2,
    warmupMs: 5000,
    measureMs: 30000,
    setupMs: 600,
    sent: count / 9,
    achievedRateHz: 2,
    expectedDeliveries: count,
    delivered: count,
    deliveredShare: 1,
    superseded: 0,
    latency: all.summary(),
    latencyByReceiver: { provider: providerSamples.summary(), probe: probeSamples.summary() },
    providersPerBoard: 10,
    decodedUpdates: 3,
    converged: true,
    disconnects: 0,
    generator: { cpuPercent: loadgenCpu, eventLoopDelayP99Ms: 12, eventLoopDelayMaxMs: 30 },
    samples: { provider, probe },
  }
  return {
    workload,
    servers: [{ pid: 1, cpuPercent: serverCpu, rssMeanMiB: 100, rssMaxMiB: 120 }],
    loadgenCpuPercent: loadgenCpu,
    machineBusyPercent: 70,
    otherBusyPercent: 0,
    loadAverageBefore: [1, 1, 1],
  }
}

describe('merging load generators’ runs (bench split-drive)', () => {
  it('takes the percentiles over every delivery of every generator and sums the counts', () => {
    // One generator's deliveries are all fast, the other's have a slow tail: the p99 of the
    // whole lies between the two generators' own p99s.
    const fast = Array.from({ length: 900 }, (_, i) => 1 + (i % 10) / 10)
    const slow = Array.from({ length: 900 }, (_, i) => (i < 30 ? 50 + i : 1 + (i % 10) / 10))
    const a = generatorRun(fast, [], 10, 30)
    const b = generatorRun(slow.slice(0, 450), slow.slice(450), 12, 32)
    const merged = mergeRuns([a, b], [1])

    const everything = new Samples()
    everything.addAll([...fast, ...slow])
    expect(merged.workload.latency).toEqual(everything.summary())
    expect(merged.workload.latency.p99Ms).toBeGreaterThan(a.workload.latency.p99Ms)
    expect(merged.workload.latency.p99Ms).toBeLessThan(b.workload.latency.p99Ms)
    expect(merged.workload.latencyByReceiver.probe.count).toBe(450)
    expect(merged.workload.delivered).toBe(1800)
    expect(merged.workload.expectedDeliveries).toBe(1800)
    expect(merged.workload.clients).toBe(200)
    expect(merged.workload.boards).toBe(20)
    expect(merged.workload.decodedUpdates).toBe(6)
    expect(merged.workload.samples).toBeUndefined()
    expect(merged.loadgenCpuPercent).toBe(62)
    expect(merged.servers[0]?.cpuPercent).toBe(12)
  })

  it('refuses a generator that sent no samples rather than reporting percentiles of part of the run', () => {
    const a = generatorRun([1, 2, 3], [], 10, 30)
    const b = generatorRun([4, 5, 6], [], 10, 30)
    delete b.workload.samples
    expect(() => mergeRuns([a, b], [1])).toThrow(/no latency samples/)
  })
})
