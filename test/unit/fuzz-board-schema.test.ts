import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { createNote, writeMeta } from '@shared/board/index.ts'
import { boardSchemaProblem } from '../fuzz/board-schema.ts'

/** The fuzz campaign's "nothing invalid is stored" check must be able to fail. */
describe('the fuzz campaign’s schema check of a stored board', () => {
  const author = { authorId: 'p1', authorName: 'Aino', color: '#fde68a', zone: null }

  it('passes a board written through the accessors', () => {
    const doc = new Y.Doc()
    writeMeta(doc, { title: 'Ideat' })
    createNote(doc, { ...author, x: 0, y: 0, text: 'hyvä' })
    expect(boardSchemaProblem(doc)).toBeNull()
  })

  it('passes a note without its optional width, height and zone', () => {
    const doc = new Y.Doc()
    const id = createNote(doc, { ...author, x: 0, y: 0, text: 'bare' })
    const map = doc.getMap('notes').get(id) as Y.Map<unknown>
    expect(['width', 'height', 'zone'].filter((key) => map.has(key))).toEqual([])
    expect(boardSchemaProblem(doc)).toBeNull()
  })

  it('finds an unknown field, a missing field, a wrong type, a note that is not a map and a root outside the schema', () => {
    const withField = new Y.Doc()
    const id = createNote(withField, { ...author, x: 0, y: 0, text: 'x' })
    ;(withField.getMap('notes').get(id) as Y.Map<unknown>).set('extra', 'x'.repeat(10))
    expect(boardSchemaProblem(withField)).toMatch(/unknown note field "extra"/)

    const wrongType = new Y.Doc()
    const other = createNote(wrongType, { ...author, x: 0, y: 0, text: 'x' })
    ;(wrongType.getMap('notes').get(other) as Y.Map<unknown>).set('x', 'left')
    expect(boardSchemaProblem(wrongType)).toMatch(/x must be a number/)

    const missing = new Y.Doc()
    const third = createNote(missing, { ...author, x: 0, y: 0, text: 'x' })
    ;(missing.getMap('notes').get(third) as Y.Map<unknown>).delete('color')
    expect(boardSchemaProblem(missing)).toMatch(/colour/)

    const notAMap = new Y.Doc()
    notAMap.getMap('notes').set('n1', 42)
    expect(boardSchemaProblem(notAMap)).toMatch(/not a map/)

    const stray = new Y.Doc()
    stray.getArray('notez').insert(0, ['x'])
    expect(boardSchemaProblem(stray)).toMatch(/root "notez"/)
    stray.getArray('notez').delete(0, 1)
    expect(boardSchemaProblem(stray)).toBeNull()
  })
})
