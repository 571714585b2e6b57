import { describe, expect, it } from 'vitest'
import { CATALOGUES, type MessageKey } from '../../../client/src/i18n/catalogues.ts'

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort()

/** The types already demand every English key; this checks what types cannot see. */
describe('i18n catalogues', () => {
  const { en, ...others } = CATALOGUES
  const keys = Object.keys(en).sort()

  for (const [locale, catalogue] of Object.entries(others)) {
    it(`${locale} has exactly the English keys, no empty messages, and the same placeholders`, () => {
      expect(Object.keys(catalogue).sort()).toEqual(keys)
      const problems: string[] = []
      for (const key of keys as MessageKey[]) {
        if (!en[key].trim() || !catalogue[key].trim()) problems.push(`${key}: empty`)
        if (placeholders(en[key]).join() !== placeholders(catalogue[key]).join()) {
          problems.push(`${key}: {placeholders} differ`)
        }
      }
      expect(problems).toEqual([])
    })
  }
})
