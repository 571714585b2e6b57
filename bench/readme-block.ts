import { readFileSync, writeFileSync } from 'node:fs'

/**
 * Replaces the block between `<!-- bench:NAME:start -->` and `<!-- bench:NAME:end -->` in a
 * README with a new results table; appends the block under `heading` when it is missing.
 */
export function replaceReadmeBlock(path: string, name: string, table: string, heading: string): void {
  const start = `<!-- bench:${name}:start -->`
  const end = `<!-- bench:${name}:end -->`
  const readme = readFileSync(path, 'utf8')
  const block = `${start}\n${table}\n${end}`
  const next =
    readme.includes(start) && readme.includes(end)
      ? readme.slice(0, readme.indexOf(start)) + block + readme.slice(readme.indexOf(end) + end.length)
      : `${readme.trimEnd()}\n\n${heading}\n\n${block}\n`
  writeFileSync(path, next)
}
