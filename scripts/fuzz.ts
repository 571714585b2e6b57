import { parseArgs } from 'node:util'
import { runFuzzCampaign, storedMatchesLive, type FuzzReport } from '../test/fuzz/campaign.ts'
import { startServer } from '../test/helpers/server.ts'

/**
 * `npm run fuzz [-- --inputs 100000 --seed 1 --runs 1 --check-every 0]`: the suite's fuzz
 * campaign at a larger scale, against a real server in this process (its own SQLite file).
 * Each run prints its progress and a JSON report; the process exits 1 when any run broke an
 * invariant. A run is repeated exactly with its seed; `--check-every N` also compares the
 * stored board with the live one every N inputs and names the first window where they part.
 */
const { values } = parseArgs({
  options: {
    inputs: { type: 'string', default: '100000' },
    seed: { type: 'string', default: String(Date.now() % 2_147_483_647) },
    runs: { type: 'string', default: '1' },
    'check-every': { type: 'string', default: '0' },
  },
})
const inputs = Number(values.inputs)
const firstSeed = Number(values.seed)
const runs = Number(values.runs)
const checkEvery = Number(values['check-every'])
if (
  ![inputs, firstSeed, runs].every((n) => Number.isInteger(n) && n > 0) ||
  !(Number.isInteger(checkEvery) && checkEvery >= 0)
) {
  process.stderr.write('--inputs, --seed and --runs must be positive integers, --check-every zero or more\n')
  process.exit(2)
}

const reports: FuzzReport[] = []
for (let run = 0; run < runs; run++) {
  const seed = firstSeed + run
  const server = await startServer()
  try {
    process.stderr.write(`fuzz run ${run + 1}/${runs}: seed ${seed}, ${inputs} inputs\n`)
    const report = await runFuzzCampaign(server, {
      seed,
      inputs,
      progressEvery: 5000,
      ...(checkEvery > 0
        ? {
            afterInput: async (index: number, _input: Uint8Array, boardId: string) => {
              if ((index + 1) % checkEvery === 0 && !(await storedMatchesLive(server, boardId)))
                process.stderr.write(
                  `  stored and live boards differ after input ${index} (last checked ${index + 1 - checkEvery})\n`,
                )
            },
          }
        : {}),
      onProgress: (done, partial) =>
        process.stderr.write(
          `  ${done} inputs, ${partial.connections} connections, ${partial.keptOpen} kept open, ${partial.problems.length} problems\n`,
        ),
    })
    reports.push(report)
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`)
  } finally {
    await server.close()
  }
}
const failed = reports.filter((report) => report.problems.length > 0)
process.stderr.write(
  `${reports.reduce((sum, report) => sum + report.inputs, 0)} inputs in ${runs} runs; ` +
    `${failed.length === 0 ? 'no invariant broken' : `broken in runs with seeds ${failed.map((r) => r.seed).join(', ')}`}\n`,
)
process.exit(failed.length === 0 ? 0 : 1)
