import type { CDPSession, Page } from 'playwright-core'

/** CPU time of the page's main thread so far, in ms (needs Performance.enable with threadTicks). */
export async function mainThreadCpuMs(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics')
  return (metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? 0) * 1000
}

/** A CDP session measuring the main thread's CPU time (not wall time) for its tasks. */
export async function cpuMeter(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' })
  return cdp
}

/** Frame-time statistics in milliseconds (gaps between animation frames). */
export interface FrameStats {
  frames: number
  p50: number
  p95: number
  max: number
  /**
   * Main-thread CPU time per frame (thread ticks, mean): what the page itself spent, apart
   * from waiting for a core on a busy machine.
   */
  cpuPerFrame?: number
  /** Main-thread CPU time per frame from a trace (startTrace): median, 95th percentile, most. */
  cpuP50?: number
  cpuP95?: number
  cpuMax?: number
  /**
   * CPU time per frame of all the browser's processes together (mean, from /proc; Linux only):
   * also what rasterising and compositing the frame cost on other threads, on the same cores.
   */
  browserCpuPerFrame?: number
  /** Frames whose notes were a copy of the pan picture, and pictures made (pan-cache.ts). */
  copiedFrames?: number
  picturesMade?: number
  /** Frames drawn afresh because the zoom or the drawing changed, or the pan was by a fraction of a pixel. */
  drawnChanged?: number
  drawnFractional?: number
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number
}

export function summarize(samples: readonly number[]): FrameStats {
  const sorted = [...samples].sort((a, b) => a - b)
  const round = (value: number) => Math.round(value * 10) / 10
  return {
    frames: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    max: round(sorted.at(-1) ?? 0),
  }
}

/**
 * Starts recording requestAnimationFrame gaps in the page. (A string, not a function: tsx
 * would wrap named inner functions with a helper the page does not have.)
 */
export async function startFrames(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    window.__frames = []
    window.__recording = true
    let last = -1
    function tick(time) {
      if (last >= 0) window.__frames.push(time - last)
      last = time
      if (window.__recording) requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
  })()`)
}

export async function stopFrames(page: Page): Promise<FrameStats> {
  const samples = await page.evaluate(() => {
    const state = window as unknown as { __frames: number[]; __recording: boolean }
    state.__recording = false
    return state.__frames
  })
  return summarize(samples)
}

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}

/** Starts the V8 sampling profiler of the page (for --profile: where the main thread's time goes). */
export async function startProfile(cdp: CDPSession): Promise<void> {
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
  await cdp.send('Profiler.start')
}

/** Stops the profiler; the functions with the most self time, in ms, heaviest first. */
export async function stopProfile(
  cdp: CDPSession,
  top = 15,
  keep?: (profile: unknown) => void,
): Promise<{ fn: string; ms: number }[]> {
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as {
    profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }
  }
  keep?.(profile)
  const byNode = new Map<number, ProfileNode>(profile.nodes.map((node) => [node.id, node]))
  const self = new Map<string, number>()
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byNode.get(profile.samples[i] as number)
    if (!node) continue
    const { functionName, url, lineNumber } = node.callFrame
    const file = url.split('/').pop() ?? ''
    const key = `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000)
  }
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([fn, ms]) => ({ fn, ms: Math.round(ms * 10) / 10 }))
}

/** One event of a Chromium trace (the fields these tools read). */
export interface TraceEvent {
  name: string
  ph: string
  pid: number
  tid: number
  ts: number
  dur?: number
  tdur?: number
  args?: { name?: string; data?: { url?: string; functionName?: string; type?: string } }
}

/**
 * Starts a trace of the page's main thread: its tasks with their CPU time, and the animation
 * frames. What the page spends in each frame, as CPU time, is what a busy machine does not
 * change (wall-clock frame gaps it does: a frame waits for a core).
 */
export async function startTrace(cdp: CDPSession): Promise<() => Promise<CpuFrames>> {
  const events: TraceEvent[] = []
  const collect = (data: { value: object[] }) => {
    for (const event of data.value) events.push(event as TraceEvent)
  }
  cdp.on('Tracing.dataCollected', collect)
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: ['toplevel', 'devtools.timeline'], recordMode: 'recordAsMuchAsPossible' },
  })
  return async () => {
    const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()))
    await cdp.send('Tracing.end')
    await complete
    cdp.off('Tracing.dataCollected', collect)
    return cpuPerFrame(events)
  }
}

/** Main-thread CPU time per animation frame, ms. */
export interface CpuFrames {
  frames: number
  cpuP50: number
  cpuP95: number
  cpuMax: number
}

function cpuPerFrame(events: readonly TraceEvent[]): CpuFrames {
  const main = events.find(
    (event) => event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain',
  )
  const none = { frames: 0, cpuP50: 0, cpuP95: 0, cpuMax: 0 }
  if (!main) return none
  const onMain = events.filter((event) => event.pid === main.pid && event.tid === main.tid)
  // A frame begins where the page's animation-frame callbacks run (the frame recorder has one
  // in every frame; callbacks of one frame run back to back, so those close together are one).
  const starts: number[] = []
  for (const ts of onMain
    .filter((event) => event.name === 'FireAnimationFrame')
    .map((event) => event.ts)
    .sort((a, b) => a - b)) {
    if (starts.length === 0 || ts - (starts.at(-1) as number) > 8000) starts.push(ts)
  }
  const tasks = onMain.filter(
    (event) => event.ph === 'X' && event.name === 'ThreadControllerImpl::RunTask' && event.tdur !== undefined,
  )
  if (starts.length < 2) return none
  const perFrame = new Array<number>(starts.length - 1).fill(0)
  for (const task of tasks) {
    // By its end: the task that runs a frame's callbacks began just before them.
    const end = task.ts + (task.dur ?? 0)
    if (end < (starts[0] as number) || end >= (starts.at(-1) as number)) continue
    let low = 0
    let high = starts.length - 1
    while (high - low > 1) {
      const middle = (low + high) >>> 1
      if ((starts[middle] as number) <= end) low = middle
      else high = middle
    }
    perFrame[low] = (perFrame[low] as number) + (task.tdur as number) / 1000
  }
  const stats = summarize(perFrame)
  return { frames: stats.frames, cpuP50: stats.p50, cpuP95: stats.p95, cpuMax: stats.max }
}
