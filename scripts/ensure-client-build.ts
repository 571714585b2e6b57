import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { buildClient, CLIENT_DIST_DIR } from './client-build.ts'

/** `npm start` runs this first: the server serves client/dist, so build it when it is missing. */
if (existsSync(join(CLIENT_DIST_DIR, 'index.html'))) {
  process.stdout.write('client/dist is built (run `npm run build` after changing the client).\n')
} else {
  process.stdout.write('client/dist is missing: building the client…\n')
  try {
    await buildClient()
  } catch (error) {
    process.stderr.write(`Building the client failed: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(1)
  }
}
