import { readFileSync } from 'node:fs'

/**
 * Process and machine statistics from /proc (Linux). CPU is counted in clock ticks; on every
 * Linux this project runs on USER_HZ is 100 (`getconf CLK_TCK`).
 */
const TICKS_PER_SECOND = 100

export interface ProcessCpuSample {
  /** user + system ticks of the process, all threads included. */
  ticks: number
  atMs: number
}

export function sampleProcessCpu(pid: number): ProcessCpuSample {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // The command name (field 2) may contain spaces; fields after it are space-separated.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
  const ticks = Number(fields[11]) + Number(fields[12])
  return { ticks, atMs: performance.now() }
}

/** CPU use between two samples, in percent of one core (200 = both cores of this machine). */
export function cpuPercent(from: ProcessCpuSample, to: ProcessCpuSample): number {
  const seconds = (to.atMs - from.atMs) / 1000
  return seconds > 0 ? ((to.ticks - from.ticks) / TICKS_PER_SECOND / seconds) * 100 : 0
}

/** Resident set size of a process in MiB. */
export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)
  return match ? Number(match[1]) / 1024 : Number.NaN
}

export interface MachineCpuSample {
  busyTicks: number
  totalTicks: number
  atMs: number
}

/** All cores together, from the first line of /proc/stat. */
export function sampleMachineCpu(): MachineCpuSample {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? ''
  const values = line.trim().split(/\s+/).slice(1).map(Number)
  // user nice system idle iowait irq softirq steal (guest time is already counted in user)
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = values
  const busyTicks = user + nice + system + irq + softirq + steal
  return { busyTicks, totalTicks: busyTicks + idle + iowait, atMs: performance.now() }
}

/** Busy CPU of the whole machine between two samples, in percent of one core. */
export function machineBusyPercent(from: MachineCpuSample, to: MachineCpuSample): number {
  const seconds = (to.atMs - from.atMs) / 1000
  return seconds > 0 ? ((to.busyTicks - from.busyTicks) / TICKS_PER_SECOND / seconds) * 100 : 0
}

export function loadAverage(): [number, number, number] {
  const [one = 0, five = 0, fifteen = 0] = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number)
  return [one, five, fifteen]
}

/** Watches one process over a measurement window: CPU over the window, RSS sampled each second. */
export class ProcessWatch {
  readonly #pid: number
  #cpuStart: ProcessCpuSample | null = null
  #machineStart: MachineCpuSample | null = null
  #rss: number[] = []
  #timer: NodeJS.Timeout | null = null

  constructor(pid: number) {
    this.#pid = pid
  }

  start(): void {
    this.#cpuStart = sampleProcessCpu(this.#pid)
    this.#machineStart = sampleMachineCpu()
    this.#rss = [rssMiB(this.#pid)]
    this.#timer = setInterval(() => this.#rss.push(rssMiB(this.#pid)), 1000)
  }

  stop(): { cpuPercent: number; machineBusyPercent: number; rssMeanMiB: number; rssMaxMiB: number } {
    if (!this.#cpuStart || !this.#machineStart) throw new Error('ProcessWatch.stop() before start()')
    if (this.#timer) clearInterval(this.#timer)
    this.#rss.push(rssMiB(this.#pid))
    return {
      cpuPercent: cpuPercent(this.#cpuStart, sampleProcessCpu(this.#pid)),
      machineBusyPercent: machineBusyPercent(this.#machineStart, sampleMachineCpu()),
      rssMeanMiB: this.#rss.reduce((sum, value) => sum + value, 0) / this.#rss.length,
      rssMaxMiB: Math.max(...this.#rss),
    }
  }
}
