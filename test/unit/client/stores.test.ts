import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { createNote, deleteNotes, updateNote } from '@shared/board/index.ts'
import { BoardStores } from '../../../client/src/board/data/board-stores.ts'
import { CulledNotes, cullNotes } from '../../../client/src/board/view/culling.ts'
import { SpatialGrid } from '../../../client/src/board/view/spatial-grid.ts'
import { ViewportStore } from '../../../client/src/board/view/viewport.ts'
import { throttle } from '../../../client/src/lib/throttle.ts'

const author = { authorId: 'p', authorName: 'Aino', color: '#fde68a', zone: null }

describe('BoardStores', () => {
  it('re-reads and notifies only the notes a transaction touched', () => {
    const doc = new Y.Doc()
    const a = createNote(doc, { ...author, x: 0, y: 0, text: 'a', createdAt: 1 })
    const b = createNote(doc, { ...author, x: 500, y: 0, text: 'b', createdAt: 2 })
    const stores = new BoardStores(doc)
    const calls: string[] = []
    stores.notes.subscribeNote(a, () => calls.push('a'))
    stores.notes.subscribeNote(b, () => calls.push('b'))
    const snapshotA = stores.notes.get(a)

    updateNote(doc, b, { x: 42 })
    expect(calls).toEqual(['b'])
    expect(stores.notes.get(b)?.x).toBe(42)
    expect(stores.notes.get(a)).toBe(snapshotA) // untouched note keeps its snapshot object

    // A nested change (the note's text) is attributed to its note.
    const remote = new Y.Doc()
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc))
    ;(remote.getMap<Y.Map<Y.Text>>('notes').get(a)?.get('text') as Y.Text).insert(1, '!')
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(doc)), 'remote')
    expect(calls).toEqual(['b', 'a'])
    expect(stores.notes.get(a)?.text).toBe('a!')
    stores.destroy()
  })

  it('keeps notes in paint order and tells when notes come and go', () => {
    const doc = new Y.Doc()
    const stores = new BoardStores(doc)
    const second = createNote(doc, { ...author, x: 0, y: 0, createdAt: 20 })
    const first = createNote(doc, { ...author, x: 0, y: 0, createdAt: 10 })
    expect(stores.notes.order.get()).toEqual([first, second])
    let orderChanges = 0
    stores.notes.order.subscribe(() => orderChanges++)
    updateNote(doc, first, { x: 5 })
    expect(orderChanges).toBe(0)
    deleteNotes(doc, [first])
    expect(stores.notes.order.get()).toEqual([second])
    expect(stores.notes.get(first)).toBeUndefined()
    expect(orderChanges).toBe(1)
  })
})

describe('CulledNotes', () => {
  it('mounts the notes near the view and re-culls only when the view leaves its margin', () => {
    const doc = new Y.Doc()
    const near = createNote(doc, { ...author, x: 100, y: 100, createdAt: 1 })
    const far = createNote(doc, { ...author, x: 10_000, y: 10_000, createdAt: 2 })
    const stores = new BoardStores(doc)
    const viewport = new ViewportStore({ x: 0, y: 0, scale: 1 })
    viewport.size.set({ width: 1000, height: 800 })
    const culled = new CulledNotes(stores.notes, viewport)
    expect(culled.ids.get()).toEqual([near])
    let changes = 0
    culled.ids.subscribe(() => changes++)
    viewport.panBy(-100, -50) // within the margin: nothing to re-render
    expect(changes).toBe(0)
    viewport.set({ x: -9_800, y: -9_800, scale: 1 })
    expect(culled.ids.get()).toEqual([far])
    // A remote move brings a note into view.
    updateNote(doc, near, { x: 10_100, y: 10_100 })
    expect(culled.ids.get()).toEqual([near, far])
    // …and one out of it; a note added in view takes its place in paint order.
    updateNote(doc, far, { x: 0, y: 0 })
    expect(culled.ids.get()).toEqual([near])
    const added = createNote(doc, { ...author, x: 10_300, y: 10_000, createdAt: 0 })
    expect(culled.ids.get()).toEqual([added, near])
    expect(culled.has(added) && culled.has(near) && !culled.has(far)).toBe(true)
    culled.destroy()
  })
})

describe('CulledNotes on a big board', () => {
  it('finds through its grid, in paint order, what a scan of every note finds', () => {
    const doc = new Y.Doc()
    let seed = 11
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647
    doc.transact(() => {
      for (let i = 0; i < 3000; i++) {
        createNote(doc, {
          ...author,
          x: Math.round(random() * 30_000),
          y: Math.round(random() * 30_000),
          createdAt: i % 97,
        })
      }
    })
    const stores = new BoardStores(doc)
    const viewport = new ViewportStore({ x: 0, y: 0, scale: 1 })
    viewport.size.set({ width: 1000, height: 800 })
    const culled = new CulledNotes(stores.notes, viewport)
    let found = 0
    for (let i = 0; i < 20; i++) {
      const scale = 0.5 + random()
      viewport.set({ x: -random() * 28_000 * scale, y: -random() * 28_000 * scale, scale })
      const visible = viewport.visibleRect()
      const margin = Math.max(visible.width, visible.height) * 0.35
      const area = {
        x: visible.x - margin,
        y: visible.y - margin,
        width: visible.width + 2 * margin,
        height: visible.height + 2 * margin,
      }
      const expected = cullNotes(stores.notes.order.get(), (id) => stores.notes.get(id), area)
      found += expected.length
      expect(culled.ids.get()).toEqual(expected)
    }
    expect(found).toBeGreaterThan(20)
    culled.destroy()
  })
})

describe('SpatialGrid', () => {
  it('finds what a scan of every note finds, as notes come, move and go', () => {
    let seed = 7
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647
    const grid = new SpatialGrid()
    const boxes = new Map<string, { x: number; y: number; width: number; height: number }>()
    const place = (id: string) => {
      const box = {
        x: random() * 20_000 - 5_000,
        y: random() * 20_000 - 5_000,
        width: 20 + random() * 1200,
        height: 20 + random() * 1200,
      }
      boxes.set(id, box)
      grid.set(id, box)
    }
    for (let i = 0; i < 2000; i++) place(`n${i}`)
    // A corrupt, huge note is found too.
    boxes.set('huge', { x: -1e6, y: -1e6, width: 2e6, height: 2e6 })
    grid.set('huge', boxes.get('huge')!)
    for (let i = 0; i < 300; i++) place(`n${i * 3}`)
    for (let i = 0; i < 200; i++) {
      boxes.delete(`n${i * 5}`)
      grid.delete(`n${i * 5}`)
    }
    const order = [...boxes.keys()]
    for (let i = 0; i < 50; i++) {
      const rect = {
        x: random() * 20_000 - 5_000,
        y: random() * 20_000 - 5_000,
        width: 100 + random() * 4000,
        height: 100 + random() * 3000,
      }
      const expected = cullNotes(order, (id) => boxes.get(id) as never, rect)
      const found = grid.query(rect)
      expect(found).not.toBeNull()
      expect(new Set(found)).toEqual(new Set(expected))
      expect(found).toHaveLength(expected.length)
    }
    // A rectangle over more cells than hold notes: the caller scans instead.
    expect(grid.query({ x: -1e6, y: -1e6, width: 2e6, height: 2e6 })).toBeNull()
  })
})

describe('throttle', () => {
  it('calls at most once per interval and always delivers the last value', async () => {
    let now = 0
    const seen: number[] = []
    const throttled = throttle(
      (value: number) => seen.push(value),
      50,
      () => now,
    )
    throttled.call(1)
    throttled.call(2)
    throttled.call(3)
    expect(seen).toEqual([1])
    throttled.flush()
    expect(seen).toEqual([1, 3])
    now = 100
    throttled.call(4)
    expect(seen).toEqual([1, 3, 4])
    throttled.cancel()
  })
})
