import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runFuzzCampaign } from '../fuzz/campaign.ts'
import { startServer, type TestServer } from '../helpers/server.ts'

/**
 * A seeded fuzz run in every test run: a few thousand mutated y-websocket messages against a
 * real server (`npm run fuzz` runs a larger one). A failure names its seed; run
 * `npm run fuzz -- --seed <seed> --inputs <n>` to see it again.
 */
const SEED = 20261203
const INPUTS = 3000

describe('fuzzed y-websocket messages', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer()
  })
  afterAll(async () => {
    await server.close()
  })

  it(
    `${INPUTS} mutated messages (seed ${SEED}): the server stays up, other clients are unaffected, nothing invalid is stored`,
    { timeout: 180_000 },
    async () => {
      const report = await runFuzzCampaign(server, { seed: SEED, inputs: INPUTS })
      expect(report.problems).toEqual([])
      expect(report.inputs).toBe(INPUTS)
      // The run reached Yjs and the write policy, not only the framing: some inputs were handled without closing.
      expect(report.keptOpen).toBeGreaterThan(INPUTS / 20)
    },
  )
})
