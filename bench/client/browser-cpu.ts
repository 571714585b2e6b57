import { readdirSync, readFileSync } from 'node:fs'

/** Clock ticks a second in /proc/<pid>/stat (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100

interface ProcStat {
  pid: number
  ppid: number
  name: string
  /** utime + stime, in ticks. */
  ticks: number
}

function procStat(pid: number): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The name is in parentheses and may hold spaces; the fields after it are space-separated.
    const close = text.lastIndexOf(')')
    const name = text.slice(text.indexOf('(') + 1, close)
    const fields = text.slice(close + 2).split(' ')
    return { pid, ppid: Number(fields[1]), name, ticks: Number(fields[11]) + Number(fields[12]) }
  } catch {
    return null
  }
}

/**
 * CPU time (ms) so far of every process started by this one (the browser's processes: renderer,
 * GPU/compositor, browser, utility), from /proc: what a frame costs off the page's main thread
 * too (rasterising, compositing), which the machine's two cores share with it. Linux only;
 * null elsewhere. Processes that ended are not counted (none do while a page is measured).
 */
export function childProcessesCpuMs(): number | null {
  let pids: number[]
  try {
    pids = readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .map(Number)
  } catch {
    return null
  }
  const stats = pids.map(procStat).filter((stat): stat is ProcStat => stat !== null)
  const children = new Map<number, ProcStat[]>()
  for (const stat of stats) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), stat])
  let ticks = 0
  const queue = [...(children.get(process.pid) ?? [])]
  while (queue.length > 0) {
    const stat = queue.pop() as ProcStat
    ticks += stat.ticks
    queue.push(...(children.get(stat.pid) ?? []))
  }
  return (ticks * 1000) / TICKS_PER_SECOND
}
