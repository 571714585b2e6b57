import { describe, expect, it } from 'vitest'
import { initials } from '../../../client/src/board/ui/initials.ts'

describe('avatar initials', () => {
  it.each([
    ['Anna (Library)', 'AL'],
    ['Calm Fox', 'CF'],
    ['— Ben', 'B'],
    ['"Öljyvä" Åsa Berg', 'ÖÅ'],
    ['(IT) support', 'IS'],
    ['!!!', '?'],
    ['', '?'],
  ])('%j → %j', (name, expected) => {
    expect(initials(name)).toBe(expected)
  })
})
