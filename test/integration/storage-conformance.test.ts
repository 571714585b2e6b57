import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { docFromState, mergeBoardState } from '../../server/sync/board-state.ts'
import type { BoardRecord, Storage } from '../../server/storage/types.ts'
import { postgresFactory, sqliteFactory, type StorageFactory, type StorageFixture } from '../helpers/storage.ts'
import { probePostgres, requireService } from '../helpers/services.ts'

/**
 * The storage contract, run against every implementation: what the sync core and the routes
 * rely on, including the multi-process guarantees (a compaction deletes exactly what it
 * folded; two processes never fold one log twice).
 */
const postgres = await probePostgres()
/** multiProcess: several processes share the store (SQLite is one process's embedded file). */
const backends: Array<{ name: string; factory: StorageFactory; runs: boolean; multiProcess: boolean }> = [
  { name: 'sqlite', factory: sqliteFactory, runs: true, multiProcess: false },
  {
    name: postgres.available ? 'postgres' : `postgres (skipped: ${postgres.reason})`,
    factory: postgresFactory,
    runs: requireService(postgres),
    multiProcess: true,
  },
]

let boardCounter = 0
function newBoard(title = 'Ideas'): BoardRecord {
  boardCounter += 1
  return {
    id: `board${boardCounter}x${Date.now().toString(36)}`,
    title,
    template: 'blank',
    createdAt: 1_700_000_000_000 + boardCounter,
  }
}

/** A Yjs update that adds `key: value` to a map, on top of `base` (so updates depend on each other). */
function edit(base: Y.Doc, key: string, value: string): Uint8Array {
  let update: Uint8Array | null = null
  const capture = (u: Uint8Array) => {
    update = u
  }
  base.on('update', capture)
  base.getMap('notes').set(key, value)
  base.off('update', capture)
  if (!update) throw new Error('no update')
  return update
}

function initialState(title: string): { doc: Y.Doc; state: Uint8Array } {
  const doc = new Y.Doc()
  doc.getMap('meta').set('title', title)
  return { doc, state: Y.encodeStateAsUpdate(doc) }
}

async function contentOf(storage: Storage, id: string): Promise<Record<string, unknown>> {
  const state = await storage.boards.loadBoardState(id)
  if (!state) throw new Error(`board ${id} not found`)
  const doc = docFromState(state)
  try {
    return { meta: doc.getMap('meta').toJSON(), notes: doc.getMap('notes').toJSON() }
  } finally {
    doc.destroy()
  }
}

for (const backend of backends) {
  describe.skipIf(!backend.runs)(`storage contract: ${backend.name}`, () => {
    let fixture: StorageFixture
    let storage: Storage

    beforeEach(async () => {
      fixture = await backend.factory()
      storage = await fixture.open()
    })
    afterEach(async () => {
      await fixture.cleanup()
    })

    it('creates a board and reads it back; unknown ids are null', async () => {
      const board = newBoard('Kaupungin ideat')
      const { state } = initialState(board.title)
      await storage.boards.createBoard(board, state)
      expect(await storage.boards.getBoard(board.id)).toEqual(board)
      const loaded = await storage.boards.loadBoardState(board.id)
      expect(loaded?.updates).toEqual([])
      expect(Buffer.from(loaded!.snapshot!)).toEqual(Buffer.from(state))
      expect(await storage.boards.getBoard('nosuchboard')).toBeNull()
      expect(await storage.boards.loadBoardState('nosuchboard')).toBeNull()
    })

    it('refuses a second board with the same id and keeps the first', async () => {
      const board = newBoard('first')
      await storage.boards.createBoard(board, initialState('first').state)
      await expect(
        storage.boards.createBoard({ ...board, title: 'second' }, initialState('second').state),
      ).rejects.toThrow()
      expect((await storage.boards.getBoard(board.id))?.title).toBe('first')
      expect((await contentOf(storage, board.id)).meta).toEqual({ title: 'first' })
    })

    it('appends updates of several boards in one batch, in order, byte for byte', async () => {
      const a = newBoard()
      const b = newBoard()
      const docA = initialState('a')
      const docB = initialState('b')
      await storage.boards.createBoard(a, docA.state)
      await storage.boards.createBoard(b, docB.state)
      const a1 = edit(docA.doc, 'n1', 'one')
      const b1 = edit(docB.doc, 'm1', 'uno')
      const a2 = edit(docA.doc, 'n2', 'two')
      await storage.boards.appendUpdates([
        { boardId: a.id, update: a1 },
        { boardId: b.id, update: b1 },
        { boardId: a.id, update: a2 },
      ])
      await storage.boards.appendUpdates([])
      const loadedA = await storage.boards.loadBoardState(a.id)
      expect(loadedA?.updates.map((u) => Buffer.from(u))).toEqual([Buffer.from(a1), Buffer.from(a2)])
      expect(await contentOf(storage, b.id)).toEqual({ meta: { title: 'b' }, notes: { m1: 'uno' } })
    })

    it('stores a whole batch or nothing of it', async () => {
      const a = newBoard()
      const docA = initialState('a')
      await storage.boards.createBoard(a, docA.state)
      const good = edit(docA.doc, 'n1', 'kept?')
      await expect(
        storage.boards.appendUpdates([
          { boardId: a.id, update: good },
          { boardId: 'boardthatdoesnotexist', update: good },
        ]),
      ).rejects.toThrow()
      expect((await storage.boards.loadBoardState(a.id))?.updates).toEqual([])
    })

    it('keeps a large update intact', async () => {
      const a = newBoard()
      const docA = initialState('a')
      await storage.boards.createBoard(a, docA.state)
      const big = edit(docA.doc, 'big', 'x'.repeat(900_000))
      await storage.boards.appendUpdates([{ boardId: a.id, update: big }])
      const loaded = await storage.boards.loadBoardState(a.id)
      expect(Buffer.from(loaded!.updates[0]!).equals(Buffer.from(big))).toBe(true)
    })

    it('keeps drafts apart from boards and from each other, appended in the same batch as boards', async () => {
      const a = newBoard()
      const b = newBoard()
      const docA = initialState('a')
      await storage.boards.createBoard(a, docA.state)
      await storage.boards.createBoard(b, initialState('b').state)
      const draft1 = new Y.Doc()
      const draft2 = new Y.Doc()
      expect(await storage.boards.loadDraftState(a.id, 'd1')).toEqual({ snapshot: null, updates: [] })
      expect(await storage.boards.loadDraftState('nosuchboard', 'd1')).toBeNull()
      expect(await storage.boards.listDrafts(a.id)).toEqual([])
      await storage.boards.appendUpdates([
        { boardId: a.id, update: edit(docA.doc, 'public', 'on the board') },
        { boardId: a.id, draftId: 'd1', update: edit(draft1, 'n1', 'only mine') },
        { boardId: a.id, draftId: 'd2', update: edit(draft2, 'n2', 'only theirs') },
        { boardId: a.id, draftId: 'd1', update: edit(draft1, 'n3', 'mine again') },
      ])
      expect(await contentOf(storage, a.id)).toMatchObject({ notes: { public: 'on the board' } })
      const draftNotes = async (boardId: string, draftId: string) => {
        const state = await storage.boards.loadDraftState(boardId, draftId)
        if (!state) throw new Error('no board')
        const doc = docFromState(state)
        try {
          return doc.getMap('notes').toJSON()
        } finally {
          doc.destroy()
        }
      }
      expect(await draftNotes(a.id, 'd1')).toEqual({ n1: 'only mine', n3: 'mine again' })
      expect(await draftNotes(a.id, 'd2')).toEqual({ n2: 'only theirs' })
      // A draft id is scoped to its board.
      expect(await draftNotes(b.id, 'd1')).toEqual({})
      expect(await storage.boards.listDrafts(a.id)).toEqual(['d1', 'd2'])
      expect(await storage.boards.listDrafts(b.id)).toEqual([])

      expect(await storage.boards.compactDraft(a.id, 'd1', mergeBoardState)).toBe(2)
      expect((await storage.boards.loadDraftState(a.id, 'd1'))?.updates).toEqual([])
      expect(await draftNotes(a.id, 'd1')).toEqual({ n1: 'only mine', n3: 'mine again' })
      expect(await storage.boards.compactDraft(a.id, 'd1', mergeBoardState)).toBe(0)
      // Still listed after compaction (its snapshot), and appends after it are kept.
      expect(await storage.boards.listDrafts(a.id)).toEqual(['d1', 'd2'])
      await storage.boards.appendUpdates([{ boardId: a.id, draftId: 'd1', update: edit(draft1, 'n4', 'later') }])
      expect(await draftNotes(a.id, 'd1')).toEqual({ n1: 'only mine', n3: 'mine again', n4: 'later' })
      // A failed batch stores neither the board's nor the drafts' updates.
      await expect(
        storage.boards.appendUpdates([
          { boardId: a.id, draftId: 'd2', update: edit(draft2, 'lost', 'never stored') },
          { boardId: 'nosuchboard', update: new Uint8Array([1, 2, 3]) },
        ]),
      ).rejects.toThrow()
      expect(await draftNotes(a.id, 'd2')).toEqual({ n2: 'only theirs' })
    })

    it('compacts the log into the snapshot without changing the content', async () => {
      const a = newBoard()
      const docA = initialState('a')
      await storage.boards.createBoard(a, docA.state)
      for (let i = 0; i < 20; i++) {
        await storage.boards.appendUpdates([{ boardId: a.id, update: edit(docA.doc, `n${i}`, `note ${i}`) }])
      }
      const before = await contentOf(storage, a.id)
      expect(Object.keys(before.notes as object)).toHaveLength(20)
      expect(await storage.boards.compactBoard(a.id, mergeBoardState)).toBe(20)
      const after = await storage.boards.loadBoardState(a.id)
      expect(after?.updates).toEqual([])
      expect(await contentOf(storage, a.id)).toEqual(before)
      expect(await storage.boards.compactBoard(a.id, mergeBoardState)).toBe(0)
    })

    it("compacts from the writer's own copy (ownState) to exactly that snapshot, board and draft", async () => {
      const a = newBoard()
      const docA = initialState('a')
      await storage.boards.createBoard(a, docA.state)
      for (let i = 0; i < 12; i++) {
        await storage.boards.appendUpdates([{ boardId: a.id, update: edit(docA.doc, `n${i}`, `note ${i}`) }])
      }
      const draft = new Y.Doc()
      await storage.boards.appendUpdates([
        { boardId: a.id, draftId: 'd1', update: edit(draft, 'mine', 'only mine') },
        { boardId: a.id, draftId: 'd1', update: edit(draft, 'mine2', 'mine too') },
      ])
      const own = Y.encodeStateAsUpdate(docA.doc)
      let asked = 0
      const ownState = () => {
        asked++
        return own
      }
      expect(await storage.boards.compactBoard(a.id, { ownState })).toBe(12)
      const after = await storage.boards.loadBoardState(a.id)
      expect(after?.updates).toEqual([])
      expect(new Uint8Array(after?.snapshot ?? [])).toEqual(own)
      // An empty log is not compacted: the writer's copy is not even asked for.
      expect(await storage.boards.compactBoard(a.id, { ownState })).toBe(0)
      expect(asked).toBe(1)

      const ownDraft = Y.encodeStateAsUpdate(draft)
      expect(await storage.boards.compactDraft(a.id, 'd1', { ownState: () => ownDraft })).toBe(2)
      const draftAfter = await storage.boards.loadDraftState(a.id, 'd1')
      expect(draftAfter?.updates).toEqual([])
      expect(new Uint8Array(draftAfter?.snapshot ?? [])).toEqual(ownDraft)
      // The board's log and the draft's stay apart: a later board append is the board's alone.
      await storage.boards.appendUpdates([{ boardId: a.id, update: edit(docA.doc, 'later', 'after') }])
      expect((await storage.boards.loadDraftState(a.id, 'd1'))?.updates).toEqual([])
      expect((await storage.boards.loadBoardState(a.id))?.updates).toHaveLength(1)
    })

    for (const kind of ['merge', 'ownState'] as const)
      it(`keeps an append that commits while a compaction runs (${kind})`, async () => {
        const a = newBoard()
        const docA = initialState('a')
        await storage.boards.createBoard(a, docA.state)
        for (let i = 0; i < 5; i++) {
          await storage.boards.appendUpdates([{ boardId: a.id, update: edit(docA.doc, `n${i}`, `note ${i}`) }])
        }
        // Another writer appends in the middle of the compaction, after the log was read: for
        // PostgreSQL another process's pool, for SQLite (one process) the same handle.
        const other = backend.multiProcess ? await fixture.open() : storage
        // The writer's copy as it was before the late append (which it does not hold).
        const own = Y.encodeStateAsUpdate(docA.doc)
        const late = edit(docA.doc, 'late', 'written during compaction')
        let concurrent: Promise<void> | undefined
        const folded = await storage.boards.compactBoard(
          a.id,
          kind === 'merge'
            ? (state) => {
                concurrent = other.boards.appendUpdates([{ boardId: a.id, update: late }])
                return mergeBoardState(state)
              }
            : {
                ownState: () => {
                  concurrent = other.boards.appendUpdates([{ boardId: a.id, update: late }])
                  return own
                },
              },
        )
        await concurrent
        expect(folded).toBe(5)
        const content = await contentOf(storage, a.id)
        expect(content.notes).toMatchObject({ n0: 'note 0', n4: 'note 4', late: 'written during compaction' })
      })

    it('never folds one log twice when two processes compact at once', async () => {
      const a = newBoard()
      const docA = initialState('a')
      await storage.boards.createBoard(a, docA.state)
      const appended = 30
      for (let i = 0; i < appended; i++) {
        await storage.boards.appendUpdates([{ boardId: a.id, update: edit(docA.doc, `n${i}`, `note ${i}`) }])
      }
      const other = await fixture.open()
      const results = await Promise.all([
        storage.boards.compactBoard(a.id, mergeBoardState),
        other.boards.compactBoard(a.id, mergeBoardState),
        storage.boards.compactBoard(a.id, mergeBoardState),
      ])
      expect(results.reduce((sum, n) => sum + n, 0)).toBe(appended)
      expect(Object.keys((await contentOf(other, a.id)).notes as object)).toHaveLength(appended)
    })

    it('reads a consistent state while another process compacts', async () => {
      const a = newBoard()
      const docA = initialState('a')
      await storage.boards.createBoard(a, docA.state)
      const other = await fixture.open()
      const rounds = 15
      const loads: Array<Promise<Record<string, unknown>>> = []
      for (let i = 0; i < rounds; i++) {
        await storage.boards.appendUpdates([{ boardId: a.id, update: edit(docA.doc, `n${i}`, `note ${i}`) }])
        const compaction = other.boards.compactBoard(a.id, mergeBoardState)
        loads.push(contentOf(storage, a.id))
        await compaction
      }
      const seen = await Promise.all(loads)
      // Each load ran after the i-th append committed: it must contain notes 0..i, whatever
      // the compaction was doing at that moment.
      seen.forEach((content, i) => expect(Object.keys(content.notes as object).length).toBeGreaterThanOrEqual(i + 1))
    })

    it('opens an existing store again (migrations are applied once)', async () => {
      const a = newBoard()
      await storage.boards.createBoard(a, initialState('a').state)
      const reopened = await Promise.all([fixture.open(), fixture.open(), fixture.open()])
      for (const view of reopened) expect((await view.boards.getBoard(a.id))?.id).toBe(a.id)
    })

    it('keeps custom templates: create, read, list newest first, count, delete', async () => {
      const definition = {
        id: 'c-x',
        name: { fi: 'Äänestys', en: 'Vote' },
        zones: [{ kind: 'frame', x: 1.5 }],
        phases: [],
      }
      const records = [
        { id: 'c-Beta', definition, sourceBoardId: 'board-1', createdAt: 1000 },
        { id: 'c-alpha', definition: { ...definition, id: 'c-alpha' }, sourceBoardId: 'board-2', createdAt: 1000 },
        { id: 'c-_new', definition: { ...definition, id: 'c-_new' }, sourceBoardId: 'board-1', createdAt: 2000 },
      ]
      for (const record of records) await storage.templates.createTemplate(record)
      await expect(storage.templates.createTemplate(records[0]!)).rejects.toThrow()
      expect(await storage.templates.getTemplate('c-Beta')).toEqual(records[0])
      expect(await storage.templates.getTemplate('c-none')).toBeNull()
      // Newest first; ties in byte order of the id, the same in every backend.
      expect((await storage.templates.listTemplates()).map((record) => record.id)).toEqual([
        'c-_new',
        'c-Beta',
        'c-alpha',
      ])
      expect(await storage.templates.countTemplates()).toBe(3)
      expect(await storage.templates.deleteTemplate('c-Beta')).toBe(true)
      expect(await storage.templates.deleteTemplate('c-Beta')).toBe(false)
      expect(await storage.templates.countTemplates()).toBe(2)
    })

    it('stores text with U+0000 in board titles and templates (PostgreSQL keeps U+FFFD in its place)', async () => {
      const restored = (text: string | undefined) => text?.replaceAll('\uFFFD', '\u0000')
      const board = newBoard('nul\u0000title')
      await storage.boards.createBoard(board, initialState(board.title).state)
      expect(restored((await storage.boards.getBoard(board.id))?.title)).toBe('nul\u0000title')
      const definition = { id: 'c-nul', name: { fi: 'a\u0000b', en: 'c' }, zones: [], phases: [] }
      await storage.templates.createTemplate({ id: 'c-nul', definition, sourceBoardId: board.id, createdAt: 1 })
      const stored = (await storage.templates.getTemplate('c-nul'))?.definition as typeof definition | undefined
      expect(restored(stored?.name.fi)).toBe('a\u0000b')
    })

    it("keeps a person's boards with the highest role, and who created a board (its owner)", async () => {
      const board = newBoard('Omistettu')
      await storage.boards.createBoard(board, initialState(board.title).state)
      await storage.accounts.recordBoard('u-creator', board.id, 'facilitator', 1000, true)
      // Joining again later (as anyone) never takes the ownership away, nor gives it.
      await storage.accounts.recordBoard('u-creator', board.id, 'participant', 2000)
      await storage.accounts.recordBoard('u-joiner', board.id, 'facilitator', 1500)
      // A new board's links are of the first generation and do not expire.
      const firstLinks = { linksGeneration: 0, facilitatorGeneration: 0, linksExpireAt: null }
      expect(await storage.accounts.ownsBoard('u-creator', board.id)).toBe(true)
      expect(await storage.accounts.ownsBoard('u-joiner', board.id)).toBe(false)
      expect(await storage.accounts.ownsBoard('u-creator', 'nosuchboard')).toBe(false)
      expect(await storage.accounts.listBoards('u-creator', 10)).toEqual([
        { board, role: 'facilitator', lastSeenAt: 2000, owner: true, access: firstLinks },
      ])
      expect(await storage.accounts.listBoards('u-joiner', 10)).toEqual([
        { board, role: 'facilitator', lastSeenAt: 1500, owner: false, access: firstLinks },
      ])
    })

    it('answers ping while open and rejects after close', async () => {
      await expect(storage.ping()).resolves.toBeUndefined()
      const other = await fixture.open()
      await other.close()
      await expect(other.ping()).rejects.toThrow()
      await other.close()
    })
  })
}
