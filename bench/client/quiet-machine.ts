import { cpus } from 'node:os'

const POLL_MS = 50
/** Quiet: all cores together busy under this share of one core over this window. */
const QUIET_WINDOW_MS = 300
const QUIET_CORE_SHARE = 0.15
const QUIET_TIMEOUT_MS = 10_000

function busyAndTotalMs(): { busy: number; total: number } {
  let busy = 0
  let total = 0
  for (const { times } of cpus()) {
    const all = times.user + times.nice + times.sys + times.idle + times.irq
    total += all
    busy += all - times.idle
  }
  return { busy, total }
}

/**
 * Waits until the machine is near idle, before a first render is timed; returns the ms waited.
 *
 * Two things were still running when the page was navigated, and shared the two cores
 * with its first render:
 * - each new browser context in headless Chromium 156 opens a window of its own, and the
 *   window loads its omnibox popup (a WebUI page, chrome://omnibox-popup.top-chrome) in a
 *   renderer of its own: about 0.9 s of CPU, 0.3 s more in the browser process, in the second
 *   after the window opens. A user opening a board's link does so in a window that did that
 *   long before;
 * - the server and the seeding client, still busy with the board just written.
 * Measured (8 alternating runs of each), a 10,000-note first render's median was 150–190 ms
 * longer under them.
 */
export async function waitForQuietMachine(): Promise<number> {
  const started = performance.now()
  const samples: { at: number; busy: number; total: number }[] = []
  while (performance.now() - started < QUIET_TIMEOUT_MS) {
    const at = performance.now()
    samples.push({ at, ...busyAndTotalMs() })
    // The newest sample at least a window old, against now.
    const since = samples.findLast((sample) => at - sample.at >= QUIET_WINDOW_MS)
    const now = samples[samples.length - 1] as (typeof samples)[number]
    if (since && now.total > since.total) {
      const cores = cpus().length
      const busyCores = ((now.busy - since.busy) / (now.total - since.total)) * cores
      if (busyCores < QUIET_CORE_SHARE) return Math.round(at - started)
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
  return Math.round(performance.now() - started)
}
