import { describe, expect, it } from 'vitest'
import { en } from '../../../client/src/i18n/en.ts'
import { fi } from '../../../client/src/i18n/fi.ts'

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort()

/** The types already demand the same keys; this checks what types cannot see. */
describe('i18n catalogues', () => {
  it('have the same keys, no empty strings, and the same placeholders in both languages', () => {
    expect(Object.keys(fi).sort()).toEqual(Object.keys(en).sort())
    const problems: string[] = []
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      if (!en[key].trim() || !fi[key].trim()) problems.push(`${key}: empty`)
      if (placeholders(en[key]).join() !== placeholders(fi[key]).join()) problems.push(`${key}: {placeholders} differ`)
    }
    expect(problems).toEqual([])
  })
})
