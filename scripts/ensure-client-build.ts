import { buildClient, builtSourceHash, clientSourceHash } from './client-build.ts'

/**
 * `npm start` runs this first: the server serves client/dist, so build it when it is missing
 * or was built from other sources (after a `git pull`, a stale web app would talk to a newer
 * server). `npm run build` runs it with --force.
 */
const force = process.argv.includes('--force')
const built = builtSourceHash()
if (!force && built !== null && built === clientSourceHash()) {
  process.stdout.write('client/dist is up to date.\n')
} else {
  if (!force)
    process.stdout.write(
      built === null
        ? 'client/dist is missing: building the client…\n'
        : 'The client changed since client/dist was built: rebuilding…\n',
    )
  try {
    await buildClient()
  } catch (error) {
    process.stderr.write(`Building the client failed: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(1)
  }
}
