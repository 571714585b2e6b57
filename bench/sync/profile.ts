import { mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { driveLoad } from './drive.ts'
import { startKokeileva, startReference } from './servers.ts'
import { prepareBoards, WORKLOADS, workloadConfig } from './workloads.ts'

/**
 * One workload against one server, optionally with the server under `node --cpu-prof`:
 *   node --import tsx bench/sync/profile.ts --server kokeileva --workload b --measure 10 --prof /tmp/prof
 * Prints the run as JSON; open the .cpuprofile in Chrome DevTools (Performance → Load profile).
 */
const { values: args } = parseArgs({
  options: {
    server: { type: 'string', default: 'kokeileva' },
    workload: { type: 'string', default: 'b' },
    warmup: { type: 'string', default: '3' },
    measure: { type: 'string', default: '10' },
    prof: { type: 'string' },
    /** KEY=VALUE environment for Kokeileva, repeatable (e.g. --env COMPACT_AFTER_UPDATES=100000). */
    env: { type: 'string', multiple: true, default: [] },
  },
})
const spec = WORKLOADS.find((w) => w.id === args.workload)
if (!spec) throw new Error(`--workload must be one of ${WORKLOADS.map((w) => w.id).join(', ')}`)
const dir = mkdtempSync(join(tmpdir(), 'kokeileva-profile-'))
const profDir = args.prof ? resolve(args.prof) : null
if (profDir) mkdirSync(profDir, { recursive: true })
const server =
  args.server === 'reference'
    ? await startReference({
        logFile: join(dir, 'server.log'),
        nodeArgs: profDir
          ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`, '--require', resolve('bench/sync/exit-on-sigterm.cjs')]
          : [],
      })
    : await startKokeileva({
        dataDir: join(dir, 'data'),
        logFile: join(dir, 'server.log'),
        env: Object.fromEntries(
          (args.env ?? []).map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
        ),
        nodeArgs: profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [],
      })
try {
  const boards = await prepareBoards(server, spec)
  const config = workloadConfig(spec, [server.syncUrl], boards, {
    warmupMs: Number(args.warmup) * 1000,
    measureMs: Number(args.measure) * 1000,
    drainTimeoutMs: 15_000,
  })
  const run = await driveLoad(config, [server.pid], (line) => process.stderr.write(`${line}\n`))
  process.stdout.write(`${JSON.stringify(run, null, 2)}\n`)
} finally {
  await server.stop()
  process.stderr.write(`server log: ${join(dir, 'server.log')}${profDir ? `; profile in ${profDir}` : ''}\n`)
}
