import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { configTable, OPERATIONS_DOC, writtenConfigTable } from '../../scripts/docs-config-table.ts'

const ROOT = resolve(import.meta.dirname, '..', '..')

/** Every file git tracks (the documentation checked here is what is committed). */
function trackedFiles(): string[] {
  const listed = spawnSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`)
  return listed.stdout.split('\n').filter((file) => file && existsSync(join(ROOT, file)))
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[`*_]/g, '')
    .replace(/[^\p{L}\p{N} -]/gu, '')
    .replace(/ /g, '-')
}

function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>()
  const seen = new Map<string, number>()
  for (const match of markdown.matchAll(/^#{1,6} (.+)$/gm)) {
    const base = slug(match[1]!)
    const count = seen.get(base) ?? 0
    seen.set(base, count + 1)
    anchors.add(count === 0 ? base : `${base}-${count}`)
  }
  return anchors
}

describe('the documentation', () => {
  it('has the configuration table of the schema the server validates with (npm run docs:config)', () => {
    expect(writtenConfigTable(readFileSync(OPERATIONS_DOC, 'utf8'))).toBe(configTable())
  })

  it('cites no document outside the repository', () => {
    const outside = ['DESIGN', 'md'].join('.')
    const citing = trackedFiles().filter(
      (file) => !/\.(png|sqlite|lock)$/.test(file) && readFileSync(join(ROOT, file), 'utf8').includes(outside),
    )
    expect(citing).toEqual([])
  })

  it('links only to files and headings that exist', () => {
    const markdown = trackedFiles().filter((file) => file.endsWith('.md'))
    expect(markdown).toContain('docs/operations.md')
    const broken: string[] = []
    for (const file of markdown) {
      const text = readFileSync(join(ROOT, file), 'utf8').replace(/```[\s\S]*?```/g, '')
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^(https?|mailto):/.test(target!)) continue
        const [path, anchor] = target!.split('#') as [string, string | undefined]
        const resolved = path === '' ? join(ROOT, file) : resolve(ROOT, dirname(file), path)
        if (!existsSync(resolved)) {
          broken.push(`${file}: ${target} (no such file)`)
          continue
        }
        if (anchor && resolved.endsWith('.md') && !anchorsOf(readFileSync(resolved, 'utf8')).has(anchor)) {
          broken.push(`${file}: ${target} (no such heading)`)
        }
      }
    }
    expect(broken).toEqual([])
  })
})
