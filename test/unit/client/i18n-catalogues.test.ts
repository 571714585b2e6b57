import { describe, expect, it } from 'vitest'
import { CATALOGUE_PARTS, CATALOGUES, type MessageKey } from '../../../client/src/i18n/catalogues.ts'
import { parseMessage, type MessagePart } from '../../../client/src/i18n/message-format.ts'
import { pluralCategories } from '../../../shared/plural.ts'

/** The placeholders a message fills ({name}, and the count of each plural), sorted, each once. */
function argumentNames(parts: MessagePart[], into = new Set<string>()): Set<string> {
  for (const part of parts) {
    if (part.kind === 'argument') into.add(part.name)
    if (part.kind === 'plural') {
      into.add(part.name)
      for (const branch of Object.values(part.branches)) argumentNames(branch, into)
    }
  }
  return into
}

function plurals(parts: MessagePart[]): Array<Extract<MessagePart, { kind: 'plural' }>> {
  return parts.flatMap((part) =>
    part.kind === 'plural' ? [part, ...Object.values(part.branches).flatMap(plurals)] : [],
  )
}

const sortedNames = (parts: MessagePart[]) => [...argumentNames(parts)].sort().join()

/** The types already demand every English key; this checks what types cannot see. */
describe('i18n catalogues', () => {
  const keys = Object.keys(CATALOGUES.en).sort() as MessageKey[]

  for (const [locale, catalogue] of Object.entries(CATALOGUES)) {
    it(`${locale}: exactly the English keys, no empty messages, the same placeholders, valid syntax`, () => {
      expect(Object.keys(catalogue).sort()).toEqual(keys)
      const problems: string[] = []
      for (const key of keys) {
        if (!catalogue[key].trim()) problems.push(`${key}: empty`)
        try {
          const names = sortedNames(parseMessage(catalogue[key]))
          if (names !== sortedNames(parseMessage(CATALOGUES.en[key]))) problems.push(`${key}: placeholders differ`)
        } catch (error) {
          problems.push(`${key}: ${(error as Error).message}`)
        }
      }
      expect(problems).toEqual([])
    })

    it(`${locale}: the first strings and the further ones split the keys as English does, none in both`, () => {
      const { first, more } = CATALOGUE_PARTS[locale as keyof typeof CATALOGUE_PARTS]
      expect(Object.keys(first).sort()).toEqual(Object.keys(CATALOGUE_PARTS.en.first).sort())
      expect(Object.keys(first).filter((key) => key in more)).toEqual([])
    })

    it(`${locale}: every plural message gives each plural category the language has`, () => {
      const needed = pluralCategories(locale)
      const problems: string[] = []
      let pluralMessages = 0
      for (const key of keys) {
        for (const { name, branches } of plurals(parseMessage(catalogue[key]))) {
          pluralMessages += 1
          const missing = needed.filter((category) => !branches[category])
          if (missing.length > 0) problems.push(`${key} {${name}}: no ${missing.join(', ')}`)
        }
      }
      expect(problems).toEqual([])
      expect(pluralMessages).toBeGreaterThan(5)
    })
  }
})
