import { afterEach } from 'vitest'
import type { TestClient } from './clients.ts'
import type { TestServer } from './server.ts'

/**
 * Call inside a `describe`. `use` hands back the client or server it is given and closes it
 * after the test; `later` runs any other cleanup then. The last one registered runs first
 * (clients before their server).
 */
export function closedAfterEach(): {
  use: <T extends TestClient | TestServer>(value: T) => T
  later: (cleanup: () => unknown) => void
} {
  const cleanups: Array<() => unknown> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })
  const later = (cleanup: () => unknown) => void cleanups.push(cleanup)
  const use = <T extends TestClient | TestServer>(value: T): T => {
    later(() => ('provider' in value ? value.destroy() : value.close()))
    return value
  }
  return { use, later }
}
