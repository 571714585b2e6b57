import type { TestProject } from 'vitest/node'
import { cachedClientBuild } from '../../scripts/client-build.ts'
import { browserAvailable } from './browser.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    /** A build of the current client sources, or '' when no browser test will run. */
    clientDist: string
  }
}

/**
 * Builds the client once per test run for the browser tests (reused while the sources do
 * not change), and only when a browser is there to use it.
 */
export default async function setup(project: TestProject): Promise<void> {
  const dist = browserAvailable() || process.env['REQUIRE_BROWSER'] === '1' ? await cachedClientBuild() : ''
  project.provide('clientDist', dist)
}
