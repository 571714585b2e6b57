import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  createNote,
  eraseAuthorName,
  getNote,
  initBoardDoc,
  listNotes,
  observeBoard,
  type BoardChange,
  setAuthorName,
  type NewNote,
} from '@shared/board/index.ts'
import { boardExportData } from '@shared/export/board-data.ts'
import { parseDenial } from '@shared/protocol.ts'
import type { Role } from '@shared/roles.ts'
import { findTemplate, layoutFromTemplate } from '@shared/templates/index.ts'
import { BoardPolicy } from '../../server/boards/rules/board-policy.ts'
import type { Writer } from '../../server/sync/policy.ts'
import { WriteGuard } from '../../server/sync/write-guard.ts'

const Remote = Symbol('remote')

/** A server document behind the board's write policy, and clients writing through it. */
function board() {
  const server = new Y.Doc()
  initBoardDoc(
    server,
    { title: 'T', template: 'blank', createdAt: 1, locale: 'en' },
    layoutFromTemplate(findTemplate('blank')!, 'en'),
  )
  const policy = new BoardPolicy(
    { boardId: 'b', draftId: null, doc: server, approximateBytes: () => 0, measureBytes: () => 0 },
    { budget: { maxNotes: 100, maxBytes: 1 << 30 }, onSilenceEnded() {} },
  )
  const guard = new WriteGuard(server, policy)
  const client = (role: Role, participantId: string | null, user: Writer['user'] = null) => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(server), Remote)
    const writer: Writer = { role, participantId, user }
    const write = (fn: (doc: Y.Doc) => void): string | null => {
      const updates: Uint8Array[] = []
      const capture = (update: Uint8Array, origin: unknown) => origin !== Remote && updates.push(update)
      doc.on('update', capture)
      fn(doc)
      doc.off('update', capture)
      let refusal: string | null = null
      for (const update of updates) {
        const clientWrite = guard.begin(writer)
        Y.applyUpdate(server, update, clientWrite)
        if (clientWrite.refusal !== null) {
          refusal ??= parseDenial(clientWrite.refusal.denials[0] ?? '').reason
          guard.revert(clientWrite)
        }
      }
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(server, Y.encodeStateVector(doc)), Remote)
      return refusal
    }
    return { doc, writer, write }
  }
  return { server, policy, client }
}

const note = (over: Partial<NewNote> = {}): NewNote => ({
  x: 100,
  y: 100,
  color: '#fde68a',
  zone: null,
  authorId: 'p1',
  authorName: 'Brave Otter',
  text: 'idea',
  ...over,
})

describe("authors' names: one entry per author in the board's names", () => {
  it("shows a note's author by their current name, the one they were written with as the fallback", () => {
    const doc = new Y.Doc()
    const id = createNote(doc, note())
    expect(getNote(doc, id)!.authorName).toBe('Brave Otter')
    setAuthorName(doc, 'p1', '  Anna   (Library) ')
    expect(getNote(doc, id)!.authorName).toBe('Anna (Library)')
    expect(setAuthorName(doc, 'p1', 'Anna (Library)')).toBe(false) // no empty update
  })

  it("tells the views that a renamed author's notes changed, and only theirs", () => {
    const doc = new Y.Doc()
    const mine = createNote(doc, note())
    createNote(doc, note({ authorId: 'p2', authorName: 'Other' }))
    const changes: BoardChange[] = []
    observeBoard(doc, (change) => changes.push(change))
    setAuthorName(doc, 'p1', 'Anna')
    expect(changes.map((change) => [...change.notes])).toEqual([[mine]])
  })

  it('renames the notes in the board export too', () => {
    const doc = new Y.Doc()
    createNote(doc, note({ text: 'Open the library on Sundays' }))
    setAuthorName(doc, 'p1', 'Anna')
    const data = boardExportData(doc, { boardId: 'b', exportedAt: 1, lookup: () => null })
    expect(JSON.stringify(data)).toContain('"authorName":"Anna"')
    expect(JSON.stringify(data)).not.toContain('Brave Otter')
  })

  it('erases a person from one place: their entry and the name their notes were written with', () => {
    const doc = new Y.Doc()
    createNote(doc, note())
    createNote(doc, note({ authorId: 'p2', authorName: 'Other' }))
    setAuthorName(doc, 'p1', 'Anna')
    expect(eraseAuthorName(doc, 'p1')).toBe(1)
    expect(
      listNotes(doc)
        .map((n) => n.authorName)
        .sort(),
    ).toEqual(['', 'Other'])
  })

  it("lets a participant set their own name (binding the connection) and no one else's", () => {
    const { server, client } = board()
    const anna = client('participant', null)
    expect(anna.write((doc) => setAuthorName(doc, 'p1', 'Anna'))).toBeNull()
    expect(anna.writer.participantId).toBe('p1')
    expect(anna.write((doc) => setAuthorName(doc, 'p2', 'Not me'))).toMatch(/only their own name/)
    expect(server.getMap('names').toJSON()).toEqual({ p1: 'Anna' })
  })

  it('refuses a name that is empty, too long or under a malformed id, and a deleted entry', () => {
    const { server, client } = board()
    const anna = client('participant', 'p1')
    expect(anna.write((doc) => doc.getMap('names').set('p1', ''))).toMatch(/1 to 40 characters/)
    expect(anna.write((doc) => doc.getMap('names').set('p1', 'x'.repeat(41)))).toMatch(/1 to 40 characters/)
    expect(anna.write((doc) => doc.getMap('names').set('p1', 5))).toMatch(/1 to 40 characters/)
    expect(anna.write((doc) => setAuthorName(doc, 'p1', 'Anna'))).toBeNull()
    expect(anna.write((doc) => doc.getMap('names').delete('p1'))).toMatch(/1 to 40 characters/)
    expect(server.getMap('names').toJSON()).toEqual({ p1: 'Anna' })
  })

  it("writes a signed-in person's account name when they join, and keeps it theirs", () => {
    const { server, policy, client } = board()
    const user = { id: 'uAnnaAccount', name: 'Anna Virtanen' }
    const anna = client('participant', user.id, user)
    policy.joined(anna.writer)
    expect(server.getMap('names').get(user.id)).toBe('Anna Virtanen')
    Y.applyUpdate(anna.doc, Y.encodeStateAsUpdate(server, Y.encodeStateVector(anna.doc)), Remote)
    expect(anna.write((doc) => setAuthorName(doc, user.id, 'Someone else'))).toMatch(/from their account/)
    expect(server.getMap('names').get(user.id)).toBe('Anna Virtanen')
  })
})
