import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const sharedDir = fileURLToPath(new URL('./shared', import.meta.url))

export default defineConfig({
  // The same `@shared/*` alias as tsconfig.json and the client's Vite config.
  resolve: { alias: { '@shared': sharedDir } },
  test: {
    include: ['test/**/*.test.ts'],
    // Builds the client once for the browser tests (cached by a hash of its sources).
    globalSetup: ['test/e2e/global-setup.ts'],
    // A browser journey takes 5–25 s on a quiet machine; the margin is for a busy one (a
    // hang still fails, a minute later). Speed is measured by the benchmarks, never here.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: two test files at a time; each integration test starts its own servers.
    maxWorkers: 2,
    pool: 'forks',
  },
})
