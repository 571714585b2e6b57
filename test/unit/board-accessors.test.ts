import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  boardRoots,
  createNote,
  createZone,
  deleteNotes,
  getNoteMap,
  initBoardDoc,
  listNotes,
  listZones,
  NOTE_DEFAULT_SIZE,
  readMeta,
  readNote,
  readNotePlacement,
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

  it('leaves width, height and zone out of a note at its defaults, and reads them back as the defaults', () => {
    const doc = new Y.Doc()
    const author = { color: '#fde68a', authorId: 'a', authorName: 'Aino' }
    const plain = createNote(doc, { ...author, x: 1, y: 2, zone: null, text: 'plain' })
    const given = createNote(doc, {
      ...author,
      x: 1,
      y: 2,
      width: NOTE_DEFAULT_SIZE,
      height: NOTE_DEFAULT_SIZE,
      zone: null,
    })
    const sized = createNote(doc, { ...author, x: 1, y: 2, width: 240, height: NOTE_DEFAULT_SIZE, zone: 'z1' })
    // What another client receives: the encoded board, not this document's own maps.
    const received = new Y.Doc()
    Y.applyUpdate(received, Y.encodeStateAsUpdate(doc))
    const keys = (id: string) => [...(getNoteMap(received, id)?.keys() ?? [])].sort()
    const always = ['authorId', 'authorName', 'color', 'createdAt', 'text', 'votes', 'x', 'y']
    expect(keys(plain)).toEqual(always)
    expect(keys(given)).toEqual(always)
    expect(keys(sized)).toEqual([...always, 'width', 'zone'].sort())
    for (const id of [plain, given]) {
      const map = getNoteMap(received, id)!
      expect(map.has('width') || map.has('height') || map.has('zone')).toBe(false)
      expect(readNote(id, map)).toMatchObject({ width: NOTE_DEFAULT_SIZE, height: NOTE_DEFAULT_SIZE, zone: null })
      expect(readNotePlacement(map)).toEqual({ x: 1, y: 2, width: 160, height: 160, zone: null, authorId: 'a' })
      // The votes map is there before the first vote (two first votes made at once both count).
      expect(map.get('votes')).toBeInstanceOf(Y.Map)
    }
    expect(readNote(sized, getNoteMap(received, sized)!)).toMatchObject({ width: 240, height: 160, zone: 'z1' })
    // Set later, the keys are written and read like any other.
    updateNote(doc, plain, { width: 300, height: 200, zone: 'z1' })
    expect(readNote(plain, getNoteMap(doc, plain)!)).toMatchObject({ width: 300, height: 200, zone: 'z1' })
  })

  it('takes two first votes made at once on a new note, from two clients, both', () => {
    const a = new Y.Doc()
    const id = createNote(a, { x: 0, y: 0, color: '#fde68a', zone: null, authorId: 'a', authorName: 'Aino' })
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    setVotes(a, id, 'p1', 1)
    setVotes(b, id, 'p2', 2)
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    for (const doc of [a, b]) expect(listNotes(doc)[0]!.votes).toEqual({ p1: 1, p2: 2 })
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
