import { describe, expect, it } from 'vitest'
import type { NoteData, ZoneData } from '@shared/board/index.ts'
import { findNotes } from '../../../client/src/board/find/find-notes.ts'

function note(id: string, text: string, zone: string | null, x: number, y: number, authorId = 'p1'): NoteData {
  return {
    id,
    text,
    x,
    y,
    width: 160,
    height: 160,
    color: '#fde68a',
    zone,
    authorId,
    authorName: 'Aino',
    createdAt: 1,
    votes: {},
    ideaId: null,
    ideaRef: null,
    ideaStatus: null,
    heldBack: null,
  }
}

const zone = (id: string, x: number, y: number): ZoneData => ({
  id,
  title: id,
  kind: 'frame',
  x,
  y,
  width: 500,
  height: 700,
  color: '#eee',
  prompt: '',
})

describe('find on the board', () => {
  const zones = [zone('critic', 1080, 300), zone('dreamer', 0, 300), zone('goal', 0, 0)]
  const notes = [
    note('c1', 'Who pays for the LIBRARY evenings?', 'critic', 1100, 320),
    note('d2', 'Library garden', 'dreamer', 20, 700),
    note('d1', 'A library bus\nfor the villages', 'dreamer', 300, 320),
    note('loose', 'library outside every zone', null, -400, 0),
    note('g1', 'Goal: a library everyone uses', 'goal', 20, 40),
    note('other', 'Benches', 'dreamer', 20, 320),
    note('secret', 'Library cafe', 'dreamer', 200, 500, 'p2'),
  ]
  const readable = (n: NoteData) => n.authorId === 'p1'

  it('finds notes whose text holds every word, in any case, in reading order', () => {
    const found = findNotes(notes, '  library ', { zones, readable, locale: 'en' }).map((n) => n.id)
    expect(found).toEqual(['g1', 'd1', 'd2', 'c1', 'loose'])
    expect(findNotes(notes, 'BUS villages', { zones, readable }).map((n) => n.id)).toEqual(['d1'])
    expect(findNotes(notes, 'bus zebra', { zones, readable })).toEqual([])
  })

  it('never finds a note the reader may not read (face down in silent mode)', () => {
    expect(findNotes(notes, 'cafe', { zones, readable })).toEqual([])
    expect(findNotes(notes, 'cafe', { zones, readable: () => true }).map((n) => n.id)).toEqual(['secret'])
  })

  it('finds nothing for an empty query, and matches Finnish letters as letters', () => {
    expect(findNotes(notes, '   ', { zones, readable })).toEqual([])
    const finnish = [note('f1', 'Äänestys ja öljy', null, 0, 0)]
    expect(findNotes(finnish, 'ÄÄNESTYS', { zones, readable, locale: 'fi' })).toHaveLength(1)
    expect(findNotes(finnish, 'aanestys', { zones, readable, locale: 'fi' })).toHaveLength(0)
  })
})
