// What a build was made from, so that `npm start` (and the tests) rebuild only what changed.
// Plain JavaScript: `npm start` runs it with plain node, before anything is built.
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath, URL } from 'node:url'

export const REPO_DIR = fileURLToPath(new URL('../../', import.meta.url))
export const DIST_DIR = join(REPO_DIR, 'dist')

/** Where each part of the build goes, and what it is built from (besides package-lock.json). */
export const PARTS = {
  client: { out: join(DIST_DIR, 'client'), sources: ['client', 'shared', 'scripts/build/client.ts'] },
  server: {
    out: join(DIST_DIR, 'server'),
    sources: ['server', 'shared', 'scripts/backup.ts', 'scripts/build/server.ts', 'package.json', 'tsconfig.json'],
  },
}

/** Each built part records the hash of its sources in this file. */
export const STAMP_FILE = '.source-hash'

function listFiles(path, out) {
  if (!existsSync(path)) return
  if (!statSync(path).isDirectory()) {
    out.push(path)
    return
  }
  for (const entry of readdirSync(path)) {
    if (entry === 'dist' || entry === 'node_modules') continue
    listFiles(join(path, entry), out)
  }
}

/** A hash of everything one part of the build reads. */
export function sourceHash(part) {
  const files = []
  for (const source of PARTS[part].sources) listFiles(join(REPO_DIR, source), files)
  files.push(join(REPO_DIR, 'package-lock.json'))
  const hash = createHash('sha256')
  for (const file of files.sort()) {
    hash.update(relative(REPO_DIR, file))
    hash.update(readFileSync(file))
  }
  return hash.digest('hex').slice(0, 16)
}

/** The source hash a part was built from, or null when it is not built (or has no stamp). */
export function builtHash(part) {
  const file = join(PARTS[part].out, STAMP_FILE)
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : null
}

/** The parts whose build is missing or was made from other sources. */
export function staleParts() {
  return Object.keys(PARTS).filter((part) => builtHash(part) !== sourceHash(part))
}
