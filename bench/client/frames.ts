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
export async function stopProfile(cdp: CDPSession, top = 15): Promise<{ fn: string; ms: number }[]> {
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as {
    profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }
  }
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
