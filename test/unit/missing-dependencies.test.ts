import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { MAX_RESYNCS_PER_GAP, pendingGap, ResyncBudget } from '../../server/sync/missing-dependencies.ts'

/** Two updates of one client: the second depends on the first. */
function twoSteps(second: (doc: Y.Doc) => void): [Uint8Array, Uint8Array] {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  doc.getArray('list').insert(0, ['a', 'b', 'c'])
  second(doc)
  return [updates[0]!, updates[1]!]
}

describe('pendingGap', () => {
  it('is null when nothing is pending', () => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, twoSteps((d) => d.getArray('list').push(['d']))[0])
    expect(pendingGap(doc)).toBeNull()
  })

  it('names the missing range of structs and of deletions, and changes when the gap does', () => {
    const [first, insert] = twoSteps((d) => d.getArray('list').insert(1, ['x']))
    const structs = new Y.Doc()
    Y.applyUpdate(structs, insert)
    expect(structs.store.pendingStructs).not.toBeNull()
    const structGap = pendingGap(structs)
    expect(structGap).toMatch(/^\d+:0-\d+$/)

    const [, deletion] = twoSteps((d) => d.getArray('list').delete(0, 2))
    const deletions = new Y.Doc()
    Y.applyUpdate(deletions, deletion)
    expect(deletions.store.pendingDs).not.toBeNull()
    expect(pendingGap(deletions)).toMatch(/^\d+:0-2$/)

    // The same gap with something else arrived meanwhile is still the same gap; part of it filled is not.
    Y.applyUpdate(structs, Y.encodeStateAsUpdate(new Y.Doc()))
    expect(pendingGap(structs)).toBe(structGap)
    Y.applyUpdate(structs, first)
    expect(pendingGap(structs)).toBeNull()
  })
})

describe('ResyncBudget', () => {
  it('asks a few times per gap, then gives up once and stays quiet', () => {
    const budget = new ResyncBudget()
    const answers = Array.from({ length: MAX_RESYNCS_PER_GAP + 3 }, () => budget.next('1:0-5'))
    expect(answers).toEqual(['first', ...Array(MAX_RESYNCS_PER_GAP - 1).fill('ask'), 'give-up', 'stop', 'stop'])
    // Another gap has its own budget; giving up is logged only once per connection.
    expect(budget.next('2:0-1')).toBe('ask')
  })
})
