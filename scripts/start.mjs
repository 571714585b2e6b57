// `npm start`: runs the built server (dist/server/main.js) in this very process, with plain
// node; `node scripts/start.mjs backup [file]` (`npm run backup`) runs the built backup. In a checkout that has the build tools (the dev dependencies), it first builds what is
// missing or was built from other sources (after a `git pull`), so `npm install` then
// `npm start` is the whole setup. A production install (`npm ci --omit=dev` after a build)
// has no build tools and runs what was built.
//
// package.json runs this as `exec node scripts/start.mjs`: without `exec`, npm's shell would
// sit between npm and node, take the SIGTERM that npm forwards, and leave the server running.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { PARTS, REPO_DIR, staleParts } from './build/source-hash.mjs'

const ENTRIES = { server: 'main.js', backup: 'backup.js' }
// The entry's own arguments follow its name: drop the name, so that they are where it expects.
const entry = Object.hasOwn(ENTRIES, process.argv[2] ?? '') ? process.argv.splice(2, 1)[0] : 'server'
const ENTRY_FILE = join(PARTS.server.out, ENTRIES[entry])

function canBuild() {
  return (
    existsSync(join(REPO_DIR, 'server')) &&
    existsSync(join(REPO_DIR, 'node_modules', 'tsx')) &&
    existsSync(join(REPO_DIR, 'node_modules', 'vite'))
  )
}

/** Runs the build in a child process (it needs the TypeScript loader), passing signals on. */
function runBuild() {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/build/main.ts', '--if-stale'], {
      cwd: REPO_DIR,
      stdio: 'inherit',
    })
    const forward = (signal) => child.kill(signal)
    process.on('SIGTERM', forward)
    process.on('SIGINT', forward)
    child.once('exit', (code, signal) => {
      process.off('SIGTERM', forward)
      process.off('SIGINT', forward)
      resolve(signal ? 128 + (signal === 'SIGINT' ? 2 : 15) : (code ?? 1))
    })
  })
}

if (canBuild()) {
  const stale = staleParts()
  if (stale.length > 0) {
    process.stdout.write(`The ${stale.join(' and ')} build is missing or out of date: building it…\n`)
    const code = await runBuild()
    if (code !== 0) process.exit(code)
  }
} else if (!existsSync(ENTRY_FILE)) {
  process.stderr.write(
    `Kokeileva is not built (no ${ENTRY_FILE}). Build it where the dev dependencies are installed: npm ci && npm run build\n`,
  )
  process.exit(1)
}

await import(pathToFileURL(ENTRY_FILE).href)
