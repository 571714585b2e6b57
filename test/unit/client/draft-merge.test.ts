import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { createNote, deleteNotes, getNote, listNotes, observeBoard, updateNote } from '@shared/board/index.ts'
import { NoteStore } from '../../../client/src/board/data/note-store.ts'
import { UndoHistory } from '../../../client/src/board/data/undo.ts'
import { BoardWriter } from '../../../client/src/board/data/writer.ts'
import { waitingDraftNotes, type Peer } from '../../../client/src/board/data/presence.ts'
import { bindNoteText } from '../../../client/src/board/data/note-text-editing.ts'
import { FakeTextarea } from '../../helpers/fake-textarea.ts'
import { eventually } from '../../helpers/poll.ts'

const author = { authorId: 'aino', authorName: 'Aino', color: '#fde68a', zone: null }

/**
 * A note store over a board and a draft, fed by both documents' observers as BoardSession
 * does: a change from the server ('remote') while the session is not silent is a reveal.
 */
function merged({ silent = () => true, revealHoldMs }: { silent?: () => boolean; revealHoldMs?: number } = {}) {
  const board = new Y.Doc()
  const draft = new Y.Doc()
  const store = new NoteStore(board, revealHoldMs === undefined ? {} : { revealHoldMs })
  observeBoard(board, (change) => store.apply(change))
  store.attachDraft(draft)
  observeBoard(draft, (change) => store.applyDraft(change, { revealing: change.origin === 'remote' && !silent() }))
  return { board, draft, store }
}

/** Copies a note from one document to another with the same id, as the server's reveal does. */
function copyNote(from: Y.Doc, to: Y.Doc, id: string): void {
  const note = getNote(from, id)
  if (!note) throw new Error(id)
  createNote(to, { ...note, id })
}

describe('the note store over the board and a private draft', () => {
  it('shows both documents as one set, in paint order, and tells draft notes apart', () => {
    const { board, draft, store } = merged()
    const onBoard = createNote(board, { ...author, x: 0, y: 0, text: 'julkinen', createdAt: 2 })
    const inDraft = createNote(draft, { ...author, x: 10, y: 0, text: 'yksityinen', createdAt: 1 })
    expect(store.order.get()).toEqual([inDraft, onBoard])
    expect(store.get(inDraft)?.text).toBe('yksityinen')
    expect(store.isDraft(inDraft)).toBe(true)
    expect(store.isDraft(onBoard)).toBe(false)
    expect(store.draftCount.get()).toBe(1)
    updateNote(draft, inDraft, { x: 99 })
    expect(store.get(inDraft)?.x).toBe(99)
    deleteNotes(draft, [inDraft])
    expect(store.order.get()).toEqual([onBoard])
    expect(store.draftCount.get()).toBe(0)
  })

  it('keeps a revealed note in place, once, while it moves from the draft to the board', () => {
    const { board, draft, store } = merged()
    const id = createNote(draft, { ...author, x: 5, y: 5, text: 'paljastuu', createdAt: 1 })
    const orders: Array<readonly string[]> = []
    const notified: string[] = []
    store.order.subscribe(() => orders.push(store.order.get()))
    store.subscribeNote(id, () => notified.push(store.isDraft(id) ? 'draft' : 'board'))

    copyNote(draft, board, id) // the board's copy arrives first …
    expect(store.order.get()).toEqual([id])
    expect(store.isDraft(id)).toBe(false)
    expect(store.draftCount.get()).toBe(0)
    deleteNotes(draft, [id]) // … then the draft is emptied: nothing to see
    expect(store.order.get()).toEqual([id])
    expect(store.get(id)?.text).toBe('paljastuu')
    expect(orders).toEqual([]) // the note never left the set nor appeared twice
    expect(notified).toEqual(['board'])
  })

  it('holds a note the reveal took out of the draft until its board copy arrives (removal first)', () => {
    const { board, draft, store } = merged({ silent: () => false })
    const id = createNote(draft, { ...author, x: 5, y: 5, text: 'paljastuu', createdAt: 1 })
    const orders: Array<readonly string[]> = []
    store.order.subscribe(() => orders.push(store.order.get()))

    deleteNotes(draft, [id], 'remote') // the draft's removal overtook the board's copy
    expect(store.order.get()).toEqual([id])
    expect(store.get(id)?.text).toBe('paljastuu')
    expect(store.draftCount.get()).toBe(0)
    createNote(board, { ...author, id, x: 5, y: 5, text: 'paljastuu', createdAt: 1 }, 'remote')
    expect(store.get(id)?.text).toBe('paljastuu')
    expect(store.isDraft(id)).toBe(false)
    expect(orders).toEqual([]) // it never left the set
    deleteNotes(board, [id], 'remote') // released: a later deletion on the board is one
    expect(store.get(id)).toBeUndefined()
  })

  it('lets a held note go when no board copy comes, and holds nothing the user or a silent session removed', async () => {
    let silent = false
    const { draft, store } = merged({ silent: () => silent, revealHoldMs: 30 })
    const refused = createNote(draft, { ...author, x: 0, y: 0, text: 'ei kopiota', createdAt: 1 })
    deleteNotes(draft, [refused], 'remote')
    expect(store.get(refused)).toBeDefined()
    await eventually(() => expect(store.get(refused)).toBeUndefined())
    expect(store.order.get()).toEqual([])

    const own = createNote(draft, { ...author, x: 0, y: 0, text: 'poistan itse', createdAt: 2 })
    deleteNotes(draft, [own]) // this user's own deletion
    expect(store.get(own)).toBeUndefined()
    silent = true
    const reverted = createNote(draft, { ...author, x: 0, y: 0, text: 'luonnos täynnä', createdAt: 3 })
    deleteNotes(draft, [reverted], 'remote') // the server reverting a refused write while silent
    expect(store.get(reverted)).toBeUndefined()
  })

  it('shows the board version when both documents hold the same id', () => {
    const { board, draft, store } = merged()
    const id = createNote(board, { ...author, x: 0, y: 0, text: 'taululla', createdAt: 1 })
    createNote(draft, { ...author, id, x: 0, y: 0, text: 'luonnoksessa', createdAt: 1 })
    expect(store.size).toBe(1)
    expect(store.get(id)?.text).toBe('taululla')
    deleteNotes(board, [id])
    expect(store.get(id)?.text).toBe('luonnoksessa')
    expect(store.isDraft(id)).toBe(true)
  })
})

describe('the writer and undo with a private draft', () => {
  function setup(silent = true) {
    const { board, draft, store } = merged()
    const origin = { kind: 'local' }
    const state = { silent }
    const writer = new BoardWriter(
      board,
      origin,
      () => ({ id: 'aino', name: 'Aino', color: '#f00' }),
      () => [],
      origin,
      {
        doc: () => draft,
        active: () => state.silent,
      },
    )
    const undo = new UndoHistory(board, origin)
    undo.addDocument(draft)
    return { board, draft, store, writer, undo, state }
  }

  /** What the server's reveal does, as this browser receives it: the board's copy, the draft's removal. */
  const boardCopy = (board: Y.Doc, id: string, text: string) =>
    createNote(board, { ...author, id, x: 5, y: 5, text }, 'remote')
  const draftRemoval = (draft: Y.Doc, id: string) => deleteNotes(draft, [id], 'remote')

  for (const order of ['copy first', 'removal first'] as const) {
    it(`keeps what the author typed while the reveal moved their note (${order})`, () => {
      const { board, draft, store, writer } = setup()
      const id = createNote(draft, { ...author, x: 5, y: 5, text: 'abc' })
      const textarea = new FakeTextarea()
      const stop = bindNoteText(textarea, id, { writer, notes: store, origin: writer.origin })
      textarea.setSelectionRange(3, 3)
      textarea.type('d') // reaches the server before its copy: 'abcd' is what it copies
      textarea.type('e') // typed after the server's copy: only in this browser's draft
      expect(getNote(draft, id)?.text).toBe('abcde')
      if (order === 'copy first') {
        boardCopy(board, id, 'abcd')
        draftRemoval(draft, id)
      } else {
        draftRemoval(draft, id)
        expect(textarea.value).toBe('abcde') // the textarea does not blank
        boardCopy(board, id, 'abcd')
      }
      expect(getNote(board, id)?.text).toBe('abcde')
      expect(textarea.value).toBe('abcde')
      textarea.type('f') // and typing goes on, into the board
      expect(getNote(board, id)?.text).toBe('abcdef')
      stop()
    })
  }

  it('writes new notes into the draft while silent, and changes each note where it lives', () => {
    const { board, draft, writer, state } = setup()
    const own = writer.createNoteAt({ x: 100, y: 100 }, '#fde68a', 'vain minulle')
    expect(listNotes(draft).map((note) => note.id)).toEqual([own])
    expect(listNotes(board)).toEqual([])
    state.silent = false
    const open = writer.createNoteAt({ x: 300, y: 100 }, '#fde68a', 'kaikille')
    expect(listNotes(board).map((note) => note.id)).toEqual([open])
    writer.moveNotes(
      new Map([
        [own, { x: 1, y: 2 }],
        [open, { x: 3, y: 4 }],
      ]),
    )
    expect(getNote(draft, own)).toMatchObject({ x: 1, y: 2 })
    expect(getNote(board, open)).toMatchObject({ x: 3, y: 4 })
    writer.editText(own, 0, 0, 'X')
    expect(getNote(draft, own)?.text).toBe('Xvain minulle')
    expect(writer.noteText(own)?.doc).toBe(draft)
    writer.deleteNotes([own, open])
    expect(listNotes(draft)).toEqual([])
    expect(listNotes(board)).toEqual([])
  })

  it('undoes and redoes across both documents, newest first', () => {
    const { board, draft, writer, undo, state } = setup(false)
    const first = writer.createNoteAt({ x: 0, y: 0 }, '#fde68a', 'taululle')
    undo.stopCapturing()
    state.silent = true
    const second = writer.createNoteAt({ x: 200, y: 0 }, '#fde68a', 'luonnokseen')
    undo.stopCapturing()
    expect(undo.state.get()).toEqual({ canUndo: true, canRedo: false })
    expect(undo.undo()).toBe(true)
    expect(getNote(draft, second)).toBeNull()
    expect(getNote(board, first)).not.toBeNull()
    expect(undo.undo()).toBe(true)
    expect(getNote(board, first)).toBeNull()
    expect(undo.redo()).toBe(true)
    expect(getNote(board, first)).not.toBeNull()
    expect(getNote(draft, second)).toBeNull()
    expect(undo.redo()).toBe(true)
    expect(getNote(draft, second)).not.toBeNull()
    // A new change ends the redo history of both documents.
    undo.undo()
    undo.undo()
    undo.stopCapturing()
    writer.createNoteAt({ x: 400, y: 0 }, '#fde68a', 'uusi')
    expect(undo.state.get().canRedo).toBe(false)
    expect(undo.redo()).toBe(false)
  })
})

describe('notes waiting in drafts, from presence', () => {
  it('adds up other people’s counts, once per person', () => {
    const peer = (clientId: number, id: string, drafts: number): Peer => ({
      clientId,
      user: { id, name: id, color: '#000' },
      cursor: null,
      editing: null,
      drafts,
    })
    expect(waitingDraftNotes([peer(1, 'a', 2), peer(2, 'a', 2), peer(3, 'b', 3), peer(4, 'me', 9)], 'me')).toBe(5)
  })
})
