import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SERVER_NODE_FLAGS } from '../../scripts/node-flags.mjs'

const ROOT = resolve(import.meta.dirname, '..', '..')
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8')

/**
 * The largest young generation (V8's new space, both semi-spaces) a node process with these
 * flags reaches while most of what it allocates survives (which makes V8 grow it to its limit).
 */
function largestNewSpace(flags: readonly string[]): number {
  const script = `
    const v8 = require('node:v8')
    const keep = []
    let largest = 0
    for (let i = 0; i < 2e6; i++) {
      keep.push({ i })
      if (i % 1000 === 0) {
        const space = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')
        largest = Math.max(largest, space.space_size)
      }
    }
    process.stdout.write(String(largest))`
  const run = spawnSync(process.execPath, [...flags, '-e', script], { encoding: 'utf8' })
  if (run.status !== 0) throw new Error(`node failed: ${run.stderr}`)
  return Number(run.stdout)
}

/** Every way the server is started names the same node flags (scripts/node-flags.mjs). */
describe('the server node flags', () => {
  it('are what npm start, the container and the systemd unit of the operations guide run with', () => {
    const flags = SERVER_NODE_FLAGS.join(' ')
    const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> }
    expect(pkg.scripts.start).toBe(`exec node ${flags} scripts/start.mjs`)

    const cmd = /^CMD (\[.*\])$/m.exec(read('Dockerfile'))?.[1]
    expect(cmd && (JSON.parse(cmd) as string[])).toEqual(['node', ...SERVER_NODE_FLAGS, 'dist/server/main.js'])

    const execStart = read('docs/operations.md').match(/^ExecStart=.*$/gm)
    expect(execStart).toEqual([`ExecStart=/usr/bin/node ${flags} dist/server/main.js`])
  })

  it('keep the young generation at 2 MiB per semi-space, where node would let it grow to 16', () => {
    const MiB = 1024 * 1024
    expect(largestNewSpace(SERVER_NODE_FLAGS)).toBeLessThanOrEqual(4 * MiB)
    // Without them it does grow: the check above would notice a flag node ignores.
    expect(largestNewSpace([])).toBeGreaterThan(4 * MiB)
  })
})
