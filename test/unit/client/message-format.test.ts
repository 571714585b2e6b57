import { describe, expect, it } from 'vitest'
import { formatMessage, MessageSyntaxError, parseMessage } from '../../../client/src/i18n/message-format.ts'
import { CATALOGUES } from '../../../client/src/i18n/catalogues.ts'
import { plural } from '../../../shared/plural.ts'

const VOTES = '{count, plural, one {# vote} other {# votes}}'

describe('formatMessage', () => {
  it('fills placeholders and leaves a missing one visible', () => {
    expect(formatMessage('“{title}” is ready', 'en', { title: 'Ideas' })).toBe('“Ideas” is ready')
    expect(formatMessage('“{title}” is ready', 'en', {})).toBe('“{title}” is ready')
  })

  it('picks the plural branch by the language’s rules, with # as the number', () => {
    expect(formatMessage(VOTES, 'en', { count: 1 })).toBe('1 vote')
    expect(formatMessage(VOTES, 'en', { count: 0 })).toBe('0 votes')
    expect(formatMessage(VOTES, 'en', { count: 21 })).toBe('21 votes')
    expect(formatMessage(VOTES, 'en', { count: 1.5 })).toBe('1.5 votes')
  })

  it('uses categories beyond one/other where a language has them', () => {
    // Polish: 2–4 are "few", 5–21 "many" (22 is "few" again); a test that the rules, not === 1, decide.
    const pl = '{n, plural, one {# głos} few {# głosy} many {# głosów} other {# głosu}}'
    expect([1, 2, 5, 22].map((n) => formatMessage(pl, 'pl', { n }))).toEqual([
      '1 głos',
      '2 głosy',
      '5 głosów',
      '22 głosy',
    ])
  })

  it('prefers an exact =n branch', () => {
    expect(formatMessage('{count, plural, =0 {none} one {# note} other {# notes}}', 'en', { count: 0 })).toBe('none')
  })

  it('fills placeholders inside a branch', () => {
    const message = '{count, plural, one {One note from “{board}”} other {# notes from “{board}”}}'
    expect(formatMessage(message, 'en', { count: 1, board: 'Library' })).toBe('One note from “Library”')
    expect(formatMessage(message, 'en', { count: 3, board: 'Library' })).toBe('3 notes from “Library”')
  })

  it('falls back to other, count visible, when the count is missing', () => {
    expect(formatMessage(VOTES, 'en')).toBe('{count} votes')
  })

  it('keeps # as text outside a plural', () => {
    expect(formatMessage('…/b/…#token=… {n}', 'en', { n: 2 })).toBe('…/b/…#token=… 2')
  })

  it('rejects what the subset does not allow', () => {
    for (const bad of ['{count, plural, one {# x}}', '{count, select, a {x} other {y}}', '{count', 'a } b', '{1x}']) {
      expect(() => parseMessage(bad), bad).toThrow(MessageSyntaxError)
    }
  })

  it('chooses the Finnish and English catalogues’ plurals by count', () => {
    expect(formatMessage(CATALOGUES.en['drafts.mine'], 'en', { count: 1 })).toMatch(/^1 of your notes is private/)
    expect(formatMessage(CATALOGUES.en['drafts.mine'], 'en', { count: 2 })).toMatch(/^2 of your notes are private/)
    expect(formatMessage(CATALOGUES.fi['drafts.mine'], 'fi', { count: 1 })).toMatch(/^1 lappusi on yksityinen/)
    expect(formatMessage(CATALOGUES.fi['drafts.mine'], 'fi', { count: 4 })).toMatch(/^4 lappuasi on yksityisiä/)
  })
})

describe('plural (shared, for exports)', () => {
  it('picks the form by category and writes the count', () => {
    const forms = { one: '# lappu', other: '# lappua' }
    expect([0, 1, 2].map((n) => plural('fi', n, forms))).toEqual(['0 lappua', '1 lappu', '2 lappua'])
  })
})
