// `npm run lint`: ESLint (type-aware) and Prettier side by side, so the lint takes as long as
// ESLint alone (about 50 s cold on two cores). Both keep a cache in node_modules/.cache, so a
// second run checks only changed files. A type-aware rule can also depend on files other than
// the one it judges, which a content cache does not see: CI starts from `npm ci` (no cache), so
// there every file is linted afresh; locally, `rm -rf node_modules/.cache/eslint` does the same.
import { spawn } from 'node:child_process'
import { fileURLToPath, URL } from 'node:url'

// The project's own binaries, also when run as `node scripts/lint.mjs` outside npm.
const bin = (name) => fileURLToPath(new URL(`../node_modules/.bin/${name}`, import.meta.url))

const run = (command, args) =>
  new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit' })
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)))
  })

const codes = await Promise.all([
  run(bin('eslint'), [
    '--max-warnings',
    '0',
    '--cache',
    '--cache-strategy',
    'content',
    '--cache-location',
    'node_modules/.cache/eslint/',
    '.',
  ]),
  run(bin('prettier'), ['--check', '--cache', '--log-level', 'warn', '.']),
])
process.exitCode = codes.some((code) => code !== 0) ? 1 : 0
