import { describe, expect, it } from 'vitest'
import { answeredMove, menuMoves, planBoardMove } from '../../../client/src/ideas/board/board-moves.ts'
import { slideStep } from '../../../client/src/digest/slides.ts'

describe('a drop on the hub board', () => {
  it('on its own column does nothing', () => {
    expect(planBoardMove('screening', 'screening')).toEqual({ kind: 'none' })
  })
  it('a move the workflow draws is sent as the idea page sends it', () => {
    expect(planBoardMove('new', 'screening')).toEqual({ kind: 'send', body: { status: 'screening' } })
    expect(planBoardMove('experimenting', 'adopted')).toEqual({ kind: 'send', body: { status: 'adopted' } })
  })
  it('a move the workflow does not draw is refused with the moves there are', () => {
    expect(planBoardMove('screening', 'adopted')).toEqual({
      kind: 'refused',
      from: 'screening',
      to: 'adopted',
      allowed: ['evaluating', 'parked', 'rejected', 'merged'],
    })
    expect(planBoardMove('rejected', 'new')).toMatchObject({ kind: 'refused', allowed: [] })
  })
  it('parking, rejecting, stopping ask for a comment; merging also for the target', () => {
    expect(planBoardMove('new', 'rejected')).toEqual({ kind: 'ask', to: 'rejected', needsTarget: false })
    expect(planBoardMove('experimenting', 'stopped')).toEqual({ kind: 'ask', to: 'stopped', needsTarget: false })
    expect(planBoardMove('evaluating', 'merged')).toEqual({ kind: 'ask', to: 'merged', needsTarget: true })
    expect(answeredMove('rejected', '  ', '')).toBeNull()
    expect(answeredMove('rejected', ' Ei rahaa ', '')).toEqual({ status: 'rejected', comment: 'Ei rahaa' })
    expect(answeredMove('merged', 'Sama', '')).toBeNull()
    expect(answeredMove('merged', 'Sama', 'KT-2026-0001')).toEqual({
      status: 'merged',
      mergedInto: 'KT-2026-0001',
      comment: 'Sama',
    })
  })
  it('the keyboard menu offers exactly the legal moves', () => {
    expect(menuMoves('new')).toEqual(['screening', 'parked', 'rejected', 'merged'])
    expect(menuMoves('adopted')).toEqual([])
  })
})

describe('the presentation’s keys', () => {
  it('arrows, a clicker’s PageUp/PageDown, space and Enter move; Home and End jump', () => {
    expect(['ArrowRight', 'ArrowDown', 'PageDown', 'Enter', ' '].map((key) => slideStep(key))).toEqual([1, 1, 1, 1, 1])
    expect(['ArrowLeft', 'ArrowUp', 'PageUp', 'Backspace'].map((key) => slideStep(key))).toEqual([-1, -1, -1, -1])
    expect(slideStep(' ', true)).toBe(-1)
    expect(slideStep('Home')).toBe('first')
    expect(slideStep('End')).toBe('last')
    expect(slideStep('a')).toBeNull()
  })
})
