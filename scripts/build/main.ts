import { build } from './build.ts'

/** `npm run build` (everything) and `npm start`'s build step (`--if-stale`: only what changed). */
try {
  await build(process.argv.includes('--if-stale') ? 'stale' : 'all')
} catch (error) {
  process.stderr.write(`The build failed: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
}
