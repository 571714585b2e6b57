import { describe, expect, it } from 'vitest'
import { searchStem, searchTerms } from '@shared/ideas/search.ts'
import { defaultIdeaDescription, defaultIdeaTitle, normalizeTags } from '@shared/ideas/text.ts'
import { formatIdeaRef, isIdeaRef } from '@shared/ideas/ref.ts'

describe('search terms', () => {
  it.each([
    ['päiväkoti', 'päiväko'],
    ['päiväkodissa', 'päiväko'],
    ['päiväkodeissa', 'päiväko'],
    ['päiväkotien', 'päiväko'],
    ['PÄIVÄKODIN', 'päiväko'],
    ['liikunta', 'liiku'],
    ['liikuntaan', 'liiku'],
    ['koulu', 'koul'],
    ['bus', 'bus'],
    ['2026', '2026'],
  ])('stems %s as %s', (term, stem) => {
    expect(searchStem(term)).toBe(stem)
  })

  it('splits text into distinct lower-case terms without stop words, in NFC', () => {
    const decomposed = 'Pa\u0308iva\u0308koti ja päiväkoti, sekä KOULU!'
    expect(searchTerms(decomposed).map((term) => term.term)).toEqual(['päiväkoti', 'koulu'])
    expect(searchTerms('ja tai').map((term) => term.term)).toEqual(['ja', 'tai'])
    expect(searchTerms('a b c d e f g h i j k l m n o', { max: 3 })).toHaveLength(3)
    expect(searchTerms('KT-2026-0042').map((term) => term.term)).toEqual(['kt', '2026', '0042'])
  })
})

describe('default texts and refs', () => {
  it('takes the title from the first non-blank line of the first note with text', () => {
    expect(defaultIdeaTitle(['', '\n   \n  Ensimmäinen   rivi  \ntoinen', 'kolmas'])).toBe('Ensimmäinen rivi')
    expect(defaultIdeaTitle(['x'.repeat(300)])).toHaveLength(200)
    expect(defaultIdeaTitle(['  ', ''])).toBe('')
  })

  it('joins the notes as the description', () => {
    expect(defaultIdeaDescription([' Yksi\nrivi ', '', 'Kaksi'])).toBe('Yksi\nrivi\n\nKaksi')
  })

  it('normalizes tags', () => {
    expect(normalizeTags([' Liikunta ', 'liikunta', 'Ääni  ja kuva', ''])).toEqual(['liikunta', 'ääni ja kuva'])
  })

  it('formats refs with at least four digits', () => {
    expect(formatIdeaRef(2026, 42)).toBe('KT-2026-0042')
    expect(formatIdeaRef(2026, 12345)).toBe('KT-2026-12345')
    expect(isIdeaRef('KT-2026-0042')).toBe(true)
    expect(isIdeaRef('KT-26-0042')).toBe(false)
  })
})
