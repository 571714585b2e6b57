import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { bindTextarea, diffText, transformPosition } from '../../../client/src/board/data/text-binding.ts'
import { FakeTextarea } from '../../helpers/fake-textarea.ts'

function syncPair(): [Y.Doc, Y.Doc] {
  const a = new Y.Doc()
  const b = new Y.Doc()
  a.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'remote') Y.applyUpdate(b, update, 'remote')
  })
  b.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'remote') Y.applyUpdate(a, update, 'remote')
  })
  return [a, b]
}

describe('diffText', () => {
  it('finds the single replacement between two strings', () => {
    expect(diffText('hello world', 'hello brave world')).toEqual({ index: 6, remove: 0, insert: 'brave ' })
    expect(diffText('hello world', 'hello')).toEqual({ index: 5, remove: 6, insert: '' })
    expect(diffText('abc', 'axc')).toEqual({ index: 1, remove: 1, insert: 'x' })
    expect(diffText('same', 'same')).toEqual({ index: 4, remove: 0, insert: '' })
    expect(diffText('aaa', 'aaaa')).toEqual({ index: 3, remove: 0, insert: 'a' })
  })
})

describe('transformPosition', () => {
  it('shifts a caret by changes before it and ignores changes after it', () => {
    expect(transformPosition(5, [{ insert: 'abc' }])).toBe(8)
    expect(transformPosition(5, [{ retain: 2 }, { delete: 2 }])).toBe(3)
    expect(transformPosition(5, [{ retain: 3 }, { delete: 5 }])).toBe(3)
    expect(transformPosition(5, [{ retain: 7 }, { insert: 'zz' }])).toBe(5)
    expect(transformPosition(5, [{ retain: 5 }, { insert: 'zz' }])).toBe(5)
    expect(transformPosition(5, [{ insert: 'x' }, { retain: 2 }, { delete: 1 }])).toBe(5)
  })
})

describe('bindTextarea', () => {
  it("writes local typing to the Y.Text, and a co-author's edit keeps the local caret in place", () => {
    const [docA, docB] = syncPair()
    const origin = { local: true }
    const textA = docA.getText('t')
    const textB = docB.getText('t')
    textA.insert(0, 'Hello world')
    const area = new FakeTextarea()
    const unbind = bindTextarea(
      area,
      textA,
      (diff) => {
        docA.transact(() => {
          if (diff.remove) textA.delete(diff.index, diff.remove)
          if (diff.insert) textA.insert(diff.index, diff.insert)
        }, origin)
      },
      origin,
    )
    expect(area.value).toBe('Hello world')

    area.setSelectionRange(5, 5) // after "Hello"
    area.type(',')
    expect(textB.toString()).toBe('Hello, world')

    // The co-author inserts at the start and appends at the end.
    textB.insert(0, '>> ')
    textB.insert(textB.length, '!')
    expect(area.value).toBe('>> Hello, world!')
    expect(area.selectionStart).toBe(9) // still right after "Hello,"
    area.type(' dear')
    expect(textA.toString()).toBe('>> Hello, dear world!')
    expect(textB.toString()).toBe('>> Hello, dear world!')

    unbind()
    textB.insert(0, 'x')
    expect(area.value).toBe('>> Hello, dear world!')
  })

  it('two people typing into one note at once converge', () => {
    const [docA, docB] = syncPair()
    const areas = [new FakeTextarea(), new FakeTextarea()]
    const docs = [docA, docB]
    const unbinds = docs.map((doc, i) => {
      const origin = { i }
      const text = doc.getText('t')
      return bindTextarea(
        areas[i] as FakeTextarea,
        text,
        (diff) =>
          doc.transact(() => {
            if (diff.remove) text.delete(diff.index, diff.remove)
            if (diff.insert) text.insert(diff.index, diff.insert)
          }, origin),
        origin,
      )
    })
    const [a, b] = areas as [FakeTextarea, FakeTextarea]
    a.type('Dream big. ')
    b.setSelectionRange(b.value.length, b.value.length)
    b.type('Plan well.')
    a.type('Then ')
    expect(a.value).toBe(b.value)
    expect(docA.getText('t').toString()).toBe(docB.getText('t').toString())
    expect(a.value).toContain('Plan well.')
    expect(a.value).toContain('Dream big. Then ')
    unbinds.forEach((unbind) => unbind())
  })
})
