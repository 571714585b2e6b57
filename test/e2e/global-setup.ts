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
  // Side by side: the build and a launch of Playwright's browser.
  const [build, features] = await Promise.all([
    currentBuild(),
    browserAvailable() && !process.env[PLAYWRIGHT_FEATURES_ENV]
      ? readPlaywrightFeatures(CHROMIUM_PATH, CHROMIUM_ARGS)
      : process.env[PLAYWRIGHT_FEATURES_ENV],
  ])
  process.env[PLAYWRIGHT_FEATURES_ENV] = features ?? ''
  project.provide('clientDist', build.clientDir)
}
