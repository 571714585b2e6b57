import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { IdeaSource } from '@shared/api/ideas.ts'
import { createNote, eraseNamesInNoteTexts, listNotes, notesMentioning } from '@shared/board/index.ts'
import { eraseInIdea, eraseInText } from '../../server/admin/name-erasure.ts'

const names = ['ilona kuusjärvi', 'ari']

function source(notes: Array<{ text: string; authorName: string }>): IdeaSource {
  return {
    boardId: 'board1',
    boardTitle: 'Lauta',
    method: 'blank',
    noteIds: notes.map((_, i) => `n${i}`),
    zones: [],
    notes: notes.map((note, i) => ({ id: `n${i}`, zone: null, votes: 0, createdAt: 1, ...note })),
    promotedAt: 1,
  }
}

describe('erasing a name from free text', () => {
  it('erases a mention in any case, bare or with an inflection ending, never inside or at the start of another word', () => {
    expect(eraseInText('ILONA KUUSJÄRVI ehdottaa; kysy Ilona Kuusjärveltä', names)).toBe(
      '[erased] ehdottaa; kysy Ilona Kuusjärveltä',
    )
    expect(eraseInText('Ari, Arille ja variaatio (Ari)', names)).toBe('[erased], [erased]lle ja variaatio ([erased])')
    expect(eraseInText('nothing here', [])).toBe('nothing here')
    expect(eraseInText('a.b* c', ['b*'])).toBe('a.[erased] c')
    // Endings are listed, not guessed: the name Eva is not erased from "evaluation", nor Anna from a street name.
    expect(eraseInText("Eva's evaluation; Evallekin, Evan", ['Eva'])).toBe(
      "[erased]'s evaluation; [erased]llekin, [erased]n",
    )
    expect(eraseInText('Annankatu 3, kysy Annalta', ['Anna'])).toBe('Annankatu 3, kysy [erased]lta')
  })

  it('erases an idea’s title, description, experiment and its notes’ authors and text, and says whether search text changed', () => {
    const idea = {
      title: 'Lukupiiri',
      description: 'Vetäjä Ari',
      source: source([
        { text: 'Lukupiiri kirjastoon', authorName: 'Ilona Kuusjärvi' },
        { text: 'Kahvila', authorName: 'Bertta' },
      ]),
      links: [source([{ text: 'Kysy Arilta', authorName: 'Bertta' }])],
      experiment: {
        hypothesis: '',
        metric: '',
        owner: 'Ari',
        startsOn: null,
        endsOn: null,
        result: '',
        decision: '',
      },
    }
    const erased = eraseInIdea(idea, names)!
    expect(erased.searchableChanged).toBe(true)
    expect(erased.fields.title).toBe('Lukupiiri')
    expect(erased.fields.description).toBe('Vetäjä [erased]')
    expect(erased.fields.experiment?.owner).toBe('[erased]')
    expect(erased.fields.source.notes.map((note) => [note.authorName, note.text])).toEqual([
      ['[erased]', 'Lukupiiri kirjastoon'],
      ['Bertta', 'Kahvila'],
    ])
    expect(erased.fields.links[0]!.notes[0]!.text).toBe('Kysy [erased]lta')

    // An author alone is not searched: the index need not be rewritten.
    const authorOnly = eraseInIdea({ ...idea, description: '', links: [], experiment: null }, names)!
    expect(authorOnly.searchableChanged).toBe(false)
    expect(eraseInIdea({ ...idea, description: '', source: source([]), links: [], experiment: null }, names)).toBeNull()
  })
})

describe('erasing a name from notes’ text on a board', () => {
  it('replaces each mention in place and leaves the rest of the text and other notes alone', () => {
    const doc = new Y.Doc()
    const note = (text: string) =>
      createNote(doc, { x: 0, y: 0, color: '#fde68a', zone: null, authorId: 'p1', authorName: 'Bertta', text })
    const mentioning = note('Ari ja ari, sekä Arille')
    const other = note('variaatio')
    expect(notesMentioning(doc, names)).toEqual([mentioning])
    expect(eraseNamesInNoteTexts(doc, [mentioning, other], names, '[erased]')).toBe(1)
    const texts = Object.fromEntries(listNotes(doc).map((n) => [n.id, n.text]))
    expect(texts).toEqual({ [mentioning]: '[erased] ja [erased], sekä [erased]lle', [other]: 'variaatio' })
    expect(notesMentioning(doc, names)).toEqual([])
  })
})
