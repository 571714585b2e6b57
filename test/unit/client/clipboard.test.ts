import { describe, expect, it } from 'vitest'
import type { NoteData } from '@shared/board/index.ts'
import {
  linesToNoteTexts,
  notesToClipboard,
  parseClipboardNotes,
  PASTE_NOTES_MAX,
} from '../../../client/src/board/input/clipboard.ts'

function note(overrides: Partial<NoteData>): NoteData {
  return {
    id: 'n1',
    text: 'Open on Sundays',
    x: 100,
    y: 200,
    width: 160,
    height: 160,
    color: '#bfdbfe',
    zone: 'dreamer',
    authorId: 'p1',
    authorName: 'Aino',
    createdAt: 1,
    votes: { p2: 3 },
    ideaId: 'idea000001',
    ideaRef: 'KT-2026-0001',
    ideaStatus: 'screening',
    heldBack: null,
    ...overrides,
  }
}

describe('copied notes on the clipboard', () => {
  const notes = [note({}), note({ id: 'n2', text: 'Evenings <b>too</b> & "weekends"', x: 300, y: 260, width: 200 })]

  it('carry text, colour, size and the group’s layout, and nothing only the server or the board may write', () => {
    const { json } = notesToClipboard(notes)
    for (const key of ['ideaId', 'ideaRef', 'ideaStatus', 'votes', 'authorId', 'authorName', 'zone', 'createdAt']) {
      expect(json).not.toContain(`"${key}"`)
    }
    expect(parseClipboardNotes({ json })).toEqual([
      { text: 'Open on Sundays', color: '#bfdbfe', width: 160, height: 160, dx: 0, dy: 0 },
      { text: 'Evenings <b>too</b> & "weekends"', color: '#bfdbfe', width: 200, height: 160, dx: 200, dy: 60 },
    ])
  })

  it('come back from the HTML copy when the clipboard dropped Kokeileva’s own type', () => {
    const { html, text } = notesToClipboard(notes)
    expect(text).toBe('Open on Sundays\nEvenings <b>too</b> & "weekends"')
    expect(html).not.toContain('<b>')
    expect(parseClipboardNotes({ html })?.map((n) => n.text)).toEqual(notes.map((n) => n.text))
  })

  it('are not trusted: bad colours, sizes, offsets and texts are fixed or dropped, counts capped', () => {
    const json = JSON.stringify({
      kind: 'kokeileva-notes',
      notes: [
        { text: 'x'.repeat(6000), color: 'red; background: url(evil)', width: 1e9, height: -5, dx: -50, dy: 'far' },
        { text: 42 },
        'not a note',
        ...Array.from({ length: PASTE_NOTES_MAX + 10 }, (_, i) => ({ text: `n${i}` })),
      ],
    })
    const parsed = parseClipboardNotes({ json })!
    expect(parsed).toHaveLength(PASTE_NOTES_MAX - 2)
    expect(parsed[0]).toEqual({ text: 'x'.repeat(5000), color: '#fde68a', width: 1200, height: 60, dx: 0, dy: 0 })
  })

  it('are only ours: other JSON, broken JSON and other HTML are not notes', () => {
    expect(parseClipboardNotes({ json: '{"kind":"something-else","notes":[]}' })).toBeNull()
    expect(parseClipboardNotes({ json: '{not json' })).toBeNull()
    expect(parseClipboardNotes({ html: '<p>Hello</p>' })).toBeNull()
    expect(parseClipboardNotes({ html: '<ul data-kokeileva-notes="%E0%A4%A">' })).toBeNull()
    expect(parseClipboardNotes({})).toBeNull()
  })
})

describe('pasted text', () => {
  it('is one note per line, list markers and blank lines left out, Windows and old Mac line ends too', () => {
    const text =
      'Idea one\r\nIdea two\r\rIdea three\n\n  - Idea four\n• Idea five\n12) Idea six\n*\tIdea seven\n2025 budget\n'
    expect(linesToNoteTexts(text)).toEqual({
      texts: ['Idea one', 'Idea two', 'Idea three', 'Idea four', 'Idea five', 'Idea six', 'Idea seven', '2025 budget'],
      leftOut: 0,
    })
  })

  it('makes at most PASTE_NOTES_MAX notes and counts what it left out', () => {
    const lines = Array.from({ length: PASTE_NOTES_MAX + 7 }, (_, i) => `line ${i}`).join('\n')
    const { texts, leftOut } = linesToNoteTexts(lines)
    expect(texts).toHaveLength(PASTE_NOTES_MAX)
    expect(leftOut).toBe(7)
    expect(linesToNoteTexts('   \n\t\n')).toEqual({ texts: [], leftOut: 0 })
  })
})
