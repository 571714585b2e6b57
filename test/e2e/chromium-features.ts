import { chromium } from 'playwright-core'

/**
 * Chromium features the test browser is better without. Every new browser context in
 * headless Chromium 156 opens a window, and every window loads its omnibox popup
 * (chrome://omnibox-popup.top-chrome, a WebUI page) in a renderer of its own: about 0.85 s of
 * CPU, and 0.3 s more in the browser process, per context, beside the test's own pages on
 * two cores. Measured, the e2e suite took 193 s without it, 213 s with it (one run each,
 * one after the other).
 */
export const UNWANTED_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup']

/** Where the tests' global setup leaves Playwright's own `--disable-features` argument for the test processes. */
export const PLAYWRIGHT_FEATURES_ENV = 'KOKEILEVA_PLAYWRIGHT_DISABLE_FEATURES'

const SWITCH = '--disable-features='

/**
 * Playwright's own `--disable-features` argument, read from the command line of a browser it
 * launches (it does not export it), or null if it passes none.
 */
export async function readPlaywrightFeatures(executablePath: string, args: readonly string[]): Promise<string | null> {
  const server = await chromium.launchServer({ executablePath, args: [...args], headless: true })
  try {
    return server.process().spawnargs.find((arg) => arg.startsWith(SWITCH)) ?? null
  } finally {
    await server.close()
  }
}

/**
 * Launch options that add UNWANTED_FEATURES to Playwright's own list. Chromium keeps only the
 * last `--disable-features` it is given, and Playwright puts its own before ours: ours alone
 * would drop Playwright's (paint holding, HTTPS upgrades, …). So Playwright's is left out and
 * one argument with both is passed. Without Playwright's argument (read by the global setup;
 * not there in a benchmark's process) nothing is added: better the popup than a test browser
 * unlike Playwright's.
 */
export function featureOptions(
  args: readonly string[],
  playwrights: string | undefined,
): { args: string[]; ignoreDefaultArgs?: string[] } {
  if (!playwrights?.startsWith(SWITCH)) return { args: [...args] }
  const features = playwrights.slice(SWITCH.length).split(',').filter(Boolean)
  const merged = [...features, ...UNWANTED_FEATURES.filter((feature) => !features.includes(feature))]
  return { args: [...args, `${SWITCH}${merged.join(',')}`], ignoreDefaultArgs: [playwrights] }
}
