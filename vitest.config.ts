import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Builds the client once for the browser tests (cached by a hash of its sources).
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Two cores: two test files at a time; each integration test starts its own servers.
    maxWorkers: 2,
    pool: 'forks',
  },
})
