import { describe, expect, it } from 'vitest'
import { isBoardId, newId } from '@shared/ids.ts'

describe('ids', () => {
  it('are URL-safe board ids that start with a letter or digit', () => {
    const ids = Array.from({ length: 3000 }, () => newId())
    for (const id of ids) {
      expect(id).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]{11}$/)
      expect(isBoardId(id)).toBe(true)
    }
    expect(new Set(ids).size).toBe(ids.length)
    // Every symbol is used after the first place: the id space is what it claims.
    expect(new Set(ids.flatMap((id) => [...id.slice(1)])).size).toBe(64)
  })
})
