import { join } from 'node:path'
import { buildClient } from './client.ts'
import { buildServer } from './server.ts'
import { PARTS, staleParts, type BuildPart } from './source-hash.mjs'

/**
 * Builds what is stale (or, with `all`, everything): the web app into dist/client and the
 * server into dist/server. Returns the parts it built.
 */
export async function build(which: 'stale' | 'all' = 'stale', { quiet = false } = {}): Promise<BuildPart[]> {
  const parts = which === 'all' ? (Object.keys(PARTS) as BuildPart[]) : staleParts()
  for (const part of parts) {
    if (!quiet) process.stdout.write(`Building the ${part} into ${PARTS[part].out}\n`)
    if (part === 'client') await buildClient(PARTS.client.out, { quiet })
    else await buildServer(PARTS.server.out)
  }
  return parts
}

/**
 * dist/ as the current sources would build it, building what is stale first: tests and
 * benchmarks run what is in the tree, never a leftover build.
 */
export async function currentBuild(): Promise<{ clientDir: string; serverEntry: string }> {
  await build('stale', { quiet: true })
  return { clientDir: PARTS.client.out, serverEntry: join(PARTS.server.out, 'main.js') }
}
