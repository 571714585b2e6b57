import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { LoadgenEvent, LoadgenRequest } from './loadgen.ts'
import { loadAverage, ProcessWatch } from './proc-stats.ts'
import type { WorkloadConfig, WorkloadResult } from './workload.ts'

const LOADGEN = fileURLToPath(new URL('./loadgen.ts', import.meta.url))

export interface ServerWindowStats {
  pid: number
  /** Percent of one core over the measurement window (user + system, all threads). */
  cpuPercent: number
  rssMeanMiB: number
  rssMaxMiB: number
}

export interface DrivenRun {
  workload: WorkloadResult
  servers: ServerWindowStats[]
  /** The load generator's own CPU over the window, from /proc like the servers'. */
  loadgenCpuPercent: number
  /** Busy CPU of the whole machine over the window, percent of one core (200 = both cores). */
  machineBusyPercent: number
  /** Machine CPU not used by the servers or the load generator: other engineers' work. */
  otherBusyPercent: number
  loadAverageBefore: [number, number, number]
}

/**
 * Holds several generators' load until every one of them is set up (split-drive.ts): `ready`
 * when a generator is, `start` resolves when the load may begin.
 */
export interface StartGate {
  ready(): void
  start: Promise<void>
}

/**
 * Runs one workload in a fresh load-generator process against servers that are already
 * running, and samples each server process (by pid) over the generator's measurement window.
 * bench:sync passes one server; a cluster benchmark passes several.
 */
export async function driveLoad(
  config: WorkloadConfig,
  serverPids: readonly number[],
  log: (line: string) => void,
  gate?: StartGate,
): Promise<DrivenRun> {
  const loadAverageBefore = loadAverage()
  const child = fork(LOADGEN, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  const childPid = child.pid
  if (childPid === undefined) throw new Error('the load generator did not start')
  const watches = serverPids.map((pid) => new ProcessWatch(pid))
  const loadgenWatch = new ProcessWatch(childPid)
  let windowStats: { servers: ServerWindowStats[]; loadgen: number; machine: number } | null = null

  const result = await new Promise<WorkloadResult>((resolve, reject) => {
    child.on('message', (event: LoadgenEvent) => {
      switch (event.type) {
        case 'ready':
          gate?.ready()
          void gate?.start.then(() => {
            if (child.connected) child.send({ type: 'start' } satisfies LoadgenRequest)
          })
          break
        case 'window-start':
          for (const watch of watches) watch.start()
          loadgenWatch.start()
          break
        case 'window-end': {
          const servers = watches.map((watch, i) => {
            const stats = watch.stop()
            return {
              pid: serverPids[i] ?? 0,
              cpuPercent: stats.cpuPercent,
              rssMeanMiB: stats.rssMeanMiB,
              rssMaxMiB: stats.rssMaxMiB,
            }
          })
          const loadgen = loadgenWatch.stop()
          windowStats = { servers, loadgen: loadgen.cpuPercent, machine: loadgen.machineBusyPercent }
          break
        }
        case 'log':
          log(`  [loadgen] ${event.line}`)
          break
        case 'result':
          resolve(event.result)
          break
        case 'error':
          reject(new Error(`load generator failed: ${event.message}`))
          break
      }
    })
    // 'close', not 'exit': the process may have exited while its last (large) message is still
    // being read from the channel; 'close' comes after the channel has been read to the end.
    child.on('close', (code) => reject(new Error(`load generator exited (${code}) before reporting`)))
    child.send({ type: 'run', config, gated: gate !== undefined } satisfies LoadgenRequest)
  })
  // The generator exits by itself once its clients are closed; make sure of it.
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null) resolve()
    else child.once('exit', () => resolve())
  })
  const killTimer = setTimeout(() => child.kill('SIGKILL'), 5000)
  await exited
  clearTimeout(killTimer)

  const stats = windowStats as { servers: ServerWindowStats[]; loadgen: number; machine: number } | null
  if (!stats) throw new Error('the load generator reported no measurement window')
  const ours = stats.loadgen + stats.servers.reduce((sum, server) => sum + server.cpuPercent, 0)
  return {
    workload: result,
    servers: stats.servers.map((server) => ({
      ...server,
      cpuPercent: round1(server.cpuPercent),
      rssMeanMiB: round1(server.rssMeanMiB),
      rssMaxMiB: round1(server.rssMaxMiB),
    })),
    loadgenCpuPercent: round1(stats.loadgen),
    machineBusyPercent: round1(stats.machine),
    otherBusyPercent: round1(Math.max(0, stats.machine - ours)),
    loadAverageBefore,
  }
}

function round1(value: number): number {
  return Math.round(value * 10) / 10
}
