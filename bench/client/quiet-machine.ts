import { machineBusyPercent, sampleMachineCpu, type MachineCpuSample } from '../sync/proc-stats.ts'

const POLL_MS = 50
/** Quiet: all cores together busy under this share of one core over this window. */
const QUIET_WINDOW_MS = 300
const QUIET_CORE_PERCENT = 15
const QUIET_TIMEOUT_MS = 10_000

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
  const samples: MachineCpuSample[] = []
  while (performance.now() - started < QUIET_TIMEOUT_MS) {
    const now = sampleMachineCpu()
    samples.push(now)
    // The newest sample at least a window old, against now.
    const since = samples.findLast((sample) => now.atMs - sample.atMs >= QUIET_WINDOW_MS)
    if (since && machineBusyPercent(since, now) < QUIET_CORE_PERCENT) return Math.round(now.atMs - started)
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
  return Math.round(performance.now() - started)
}
