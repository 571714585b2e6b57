import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ConfigSchema } from '../server/config.ts'
import { REPO_DIR } from './build/source-hash.mjs'

/**
 * The configuration table of docs/operations.md, made from the schema the server validates its
 * environment with (server/config.ts): `npm run docs:config` writes it between the markers, and
 * a test fails while the written table differs from the schema.
 */
export const OPERATIONS_DOC = join(REPO_DIR, 'docs', 'operations.md')
const START = '<!-- config-table:start (npm run docs:config) -->'
const END = '<!-- config-table:end -->'

export function configTable(): string {
  const rows = Object.entries(ConfigSchema.properties).map(([name, schema]) => {
    const { default: fallback, description } = schema as { default?: string | number; description?: string }
    const shown = fallback === undefined ? '' : `\`${fallback}\``
    return `| \`${name}\` | ${shown} | ${description ?? ''} |`
  })
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n')
}

/** The table as docs/operations.md has it now, or null when the markers are missing. */
export function writtenConfigTable(markdown: string): string | null {
  const start = markdown.indexOf(START)
  const end = markdown.indexOf(END)
  return start === -1 || end === -1 ? null : markdown.slice(start + START.length, end).trim()
}

if (process.argv[1]?.endsWith('docs-config-table.ts')) {
  const markdown = readFileSync(OPERATIONS_DOC, 'utf8')
  if (writtenConfigTable(markdown) === null) throw new Error(`${OPERATIONS_DOC} has no ${START} … ${END} block`)
  const start = markdown.indexOf(START) + START.length
  writeFileSync(
    OPERATIONS_DOC,
    `${markdown.slice(0, start)}\n${configTable()}\n${markdown.slice(markdown.indexOf(END))}`,
  )
  process.stdout.write(`Wrote the configuration table into ${OPERATIONS_DOC}\n`)
}
