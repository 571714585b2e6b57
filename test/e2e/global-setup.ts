import type { TestProject } from 'vitest/node'
import { currentBuild } from '../../scripts/build/build.ts'
import { browserAvailable, CHROMIUM_ARGS, CHROMIUM_PATH } from './browser.ts'
import { PLAYWRIGHT_FEATURES_ENV, readPlaywrightFeatures } from './chromium-features.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    /** dist/client, built from the current sources. */
    clientDist: string
  }
}

/**
 * Brings dist/ up to date with the sources once per test run (only the stale parts are
 * rebuilt): the browser tests serve dist/client, and the tests of `npm start` and of the
 * production install run dist/server. And reads Playwright's own `--disable-features` for the
 * test processes' browsers (chromium-features.ts), which inherit this process's environment.
 */
export default async function setup(project: TestProject): Promise<void> {
  if (browserAvailable() && !process.env[PLAYWRIGHT_FEATURES_ENV])
    process.env[PLAYWRIGHT_FEATURES_ENV] = (await readPlaywrightFeatures(CHROMIUM_PATH, CHROMIUM_ARGS)) ?? ''
  project.provide('clientDist', (await currentBuild()).clientDir)
}
