import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  boardRoots,
  createNote,
  createZone,
  deleteNotes,
  initBoardDoc,
  listNotes,
  listZones,
  readMeta,
  readNote,
  readSession,
  setVotes,
  totalVotes,
  updateNote,
  zoneAt,
} from '@shared/board/index.ts'

describe('board document accessors', () => {
  it('initialises meta, session and zones in one transaction', () => {
    const doc = new Y.Doc()
    let transactions = 0
    doc.on('afterTransaction', () => transactions++)
    initBoardDoc(
      doc,
      { title: 'T', template: 'disney', createdAt: 5, locale: 'fi' },
      {
        zones: [
          {
            id: 'z1',
            kind: 'dreamer',
            title: 'Unelmoija',
            prompt: 'Mitä haluamme?',
            x: 0,
            y: 0,
            width: 100,
            height: 100,
            color: '#fff',
          },
        ],
        phases: [
          {
            id: 'frame',
            title: 'Tavoite',
            prompt: '',
            minutes: 0,
            openZones: 'all',
            silent: false,
            voting: false,
            loopTo: null,
          },
        ],
      },
    )
    expect(transactions).toBe(1)
    expect(readMeta(doc)).toEqual({ title: 'T', template: 'disney', createdAt: 5, locale: 'fi' })
    expect(readSession(doc)).toEqual({
      phase: 'frame',
      timer: null,
      locked: false,
      silent: false,
      beforeSilence: null,
      voting: { open: false, votesPerPerson: 3 },
      follow: null,
      spotlight: null,
    })
    expect(listZones(doc).map((zone) => zone.id)).toEqual(['z1'])
  })

  it('creates, updates, votes and deletes notes', () => {
    const doc = new Y.Doc()
    const id = createNote(doc, {
      x: 1,
      y: 2,
      color: '#fde68a',
      zone: null,
      authorId: 'a',
      authorName: 'Aino',
      text: 'Hei',
    })
    updateNote(doc, id, { x: 10, zone: 'z1' })
    setVotes(doc, id, 'p1', 2)
    setVotes(doc, id, 'p2', 1)
    const note = listNotes(doc)[0]!
    expect(note).toMatchObject({ id, text: 'Hei', x: 10, y: 2, zone: 'z1', votes: { p1: 2, p2: 1 }, ideaId: null })
    expect(totalVotes(note)).toBe(3)
    setVotes(doc, id, 'p1', 0)
    expect(listNotes(doc)[0]!.votes).toEqual({ p2: 1 })
    deleteNotes(doc, [id])
    expect(listNotes(doc)).toEqual([])
  })

  it('reads garbage written by a foreign client without throwing', () => {
    const doc = new Y.Doc()
    const map = new Y.Map<unknown>()
    boardRoots(doc).notes.set('weird', map)
    map.set('x', 'not a number')
    map.set('width', -5)
    map.set('votes', { p1: 3 })
    map.set('zone', 42)
    expect(readNote('weird', map)).toMatchObject({ x: 0, width: 1, votes: {}, zone: null, text: '' })
    boardRoots(doc).session.set('voting', 'open')
    expect(readSession(doc).voting).toEqual({ open: false, votesPerPerson: 3 })
  })

  it('finds the innermost zone at a point', () => {
    const doc = new Y.Doc()
    createZone(doc, {
      id: 'big',
      kind: 'frame',
      title: '',
      prompt: '',
      x: 0,
      y: 0,
      width: 1000,
      height: 1000,
      color: '',
    })
    createZone(doc, {
      id: 'small',
      kind: 'critic',
      title: '',
      prompt: '',
      x: 100,
      y: 100,
      width: 100,
      height: 100,
      color: '',
    })
    const zones = listZones(doc)
    expect(zoneAt(zones, 150, 150)?.id).toBe('small')
    expect(zoneAt(zones, 500, 500)?.id).toBe('big')
    expect(zoneAt(zones, 5000, 5000)).toBeNull()
  })
})
