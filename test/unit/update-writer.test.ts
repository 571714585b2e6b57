import { afterEach, describe, expect, it } from 'vitest'
import type { BoardStore, UpdateAppend } from '../../server/storage/types.ts'
import { UpdateWriter, type FlushBatch, type FlushSource } from '../../server/sync/update-writer.ts'
import { eventually } from '../helpers/poll.ts'

const silent = { debug() {}, info() {}, warn() {}, error() {}, child: () => silent }

/** A room as the writer sees it: its pending updates, and what was released (made durable). */
class FakeSource implements FlushSource {
  pending: Uint8Array[] = []
  released: number[] = []
  failed = 0
  constructor(readonly boardId: string) {}

  beginFlush(): FlushBatch | null {
    if (this.pending.length === 0) return null
    const updates = this.pending
    this.pending = []
    return { updates, complete: () => this.released.push(...updates.map((update) => update[0]!)) }
  }

  flushFailed(): void {
    this.failed++
  }
}

/**
 * The store's append: `refuse` decides per batch whether it fails. With `now`, the store also
 * appends synchronously (appendUpdatesNow), as SQLite does, and the writer takes that path.
 */
function fakeStore(now: boolean, refuse: (batch: readonly UpdateAppend[]) => boolean) {
  const stored: UpdateAppend[][] = []
  const append = (batch: readonly UpdateAppend[]) => {
    if (refuse(batch)) throw new Error('disk full')
    stored.push([...batch])
  }
  const store = {
    appendUpdates: async (batch: readonly UpdateAppend[]) => append(batch),
    ...(now ? { appendUpdatesNow: append } : {}),
  } as unknown as BoardStore
  return { store, stored }
}

const writers: UpdateWriter[] = []
afterEach(() => {
  for (const writer of writers.splice(0)) writer.close()
})

function update(tag: number): Uint8Array {
  return new Uint8Array([tag])
}

for (const now of [true, false]) {
  describe(`update writer (${now ? 'synchronous append, as SQLite' : 'asynchronous append, as PostgreSQL'})`, () => {
    it('stores every scheduled board in one group commit, then releases each, in order', async () => {
      const { store, stored } = fakeStore(now, () => false)
      const writer = new UpdateWriter(store, silent)
      writers.push(writer)
      const a = new FakeSource('a')
      const b = new FakeSource('b')
      a.pending.push(update(1), update(2))
      b.pending.push(update(3))
      writer.schedule(a)
      writer.schedule(b)
      // Nothing is released before it is stored.
      expect(a.released).toEqual([])
      await writer.drain()
      expect(stored).toHaveLength(1)
      expect(stored[0]!.map((append) => [append.boardId, append.update[0]])).toEqual([
        ['a', 1],
        ['a', 2],
        ['b', 3],
      ])
      expect(a.released).toEqual([1, 2])
      expect(b.released).toEqual([3])
    })

    it('a board whose write fails holds back neither the others nor its own order, and is released once stored', async () => {
      let diskFull = true
      const { store } = fakeStore(now, (batch) => diskFull && batch.some((append) => append.boardId === 'full'))
      const writer = new UpdateWriter(store, silent)
      writers.push(writer)
      const full = new FakeSource('full')
      const fine = new FakeSource('fine')
      full.pending.push(update(1))
      fine.pending.push(update(2))
      writer.schedule(full)
      writer.schedule(fine)
      await eventually(() => expect(fine.released).toEqual([2]))
      expect(full.released).toEqual([])
      expect(full.failed).toBe(1)
      expect(writer.healthy).toBe(false)
      // A later update of the failing board waits behind the one that failed.
      full.pending.push(update(3))
      writer.schedule(full)
      diskFull = false
      await writer.drain()
      expect(full.released).toEqual([1, 3])
      expect(writer.healthy).toBe(true)
    })

    it('takes what a release schedules in the same flush or the next, never losing it', async () => {
      const { store, stored } = fakeStore(now, () => false)
      const writer = new UpdateWriter(store, silent)
      writers.push(writer)
      const a = new FakeSource('a')
      const b = new FakeSource('b')
      // Releasing a's update schedules one of b's, as a room's listeners may.
      const complete = a.beginFlush.bind(a)
      a.beginFlush = () => {
        const batch = complete()
        if (!batch) return null
        return {
          updates: batch.updates,
          complete: () => {
            batch.complete()
            b.pending.push(update(9))
            writer.schedule(b)
          },
        }
      }
      a.pending.push(update(1))
      writer.schedule(a)
      // Not drain(): that would start a flush itself. The writer must take b's update on its own.
      await eventually(() => expect(b.released).toEqual([9]))
      expect(a.released).toEqual([1])
      expect(stored.flat().map((append) => append.update[0])).toEqual([1, 9])
    })
  })
}
