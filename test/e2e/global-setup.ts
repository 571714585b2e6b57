import type { TestProject } from 'vitest/node'
import { currentBuild } from '../../scripts/build/build.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    /** dist/client, built from the current sources. */
    clientDist: string
  }
}

/**
 * Brings dist/ up to date with the sources once per test run (only the stale parts are
 * rebuilt): the browser tests serve dist/client, and the tests of `npm start` and of the
 * production install run dist/server.
 */
export default async function setup(project: TestProject): Promise<void> {
  project.provide('clientDist', (await currentBuild()).clientDir)
}
