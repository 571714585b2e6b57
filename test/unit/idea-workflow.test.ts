import { describe, expect, it } from 'vitest'
import {
  canEditExperiment,
  canMove,
  COMMENT_REQUIRED,
  IDEA_STATUSES,
  isOpenStatus,
  needsComment,
  STATUS_MOVES,
  storedIdeaStatus,
  type IdeaStatus,
} from '@shared/ideas/workflow.ts'

/** The workflow diagram (docs/architecture.md), arrow by arrow, written out independently of the table. */
const DRAWN: Array<[IdeaStatus, IdeaStatus]> = [
  ['new', 'screening'],
  ['screening', 'evaluating'],
  ['evaluating', 'experimenting'],
  ['experimenting', 'adopted'],
  ['evaluating', 'adopted'],
  ['experimenting', 'stopped'],
  ['experimenting', 'evaluating'],
  ['new', 'parked'],
  ['screening', 'parked'],
  ['evaluating', 'parked'],
  ['parked', 'screening'],
  ['new', 'rejected'],
  ['screening', 'rejected'],
  ['evaluating', 'rejected'],
  // any open status → merged
  ['new', 'merged'],
  ['screening', 'merged'],
  ['evaluating', 'merged'],
  ['experimenting', 'merged'],
  ['parked', 'merged'],
]

describe('the status workflow', () => {
  it.each(DRAWN)('allows %s → %s', (from, to) => {
    expect(canMove(from, to)).toBe(true)
  })

  it('allows nothing else: the table is exactly the diagram', () => {
    const allowed = IDEA_STATUSES.flatMap((from) => STATUS_MOVES[from].map((to) => `${from}→${to}`)).sort()
    expect(allowed).toEqual(DRAWN.map(([from, to]) => `${from}→${to}`).sort())
    let refused = 0
    for (const from of IDEA_STATUSES) {
      for (const to of IDEA_STATUSES) {
        const drawn = DRAWN.some(([a, b]) => a === from && b === to)
        expect(canMove(from, to), `${from} → ${to}`).toBe(drawn)
        if (!drawn) refused++
      }
    }
    expect(refused).toBe(IDEA_STATUSES.length ** 2 - DRAWN.length)
  })

  it.each<[IdeaStatus, IdeaStatus]>([
    ['new', 'evaluating'],
    ['new', 'adopted'],
    ['screening', 'experimenting'],
    ['screening', 'adopted'],
    ['evaluating', 'stopped'],
    ['experimenting', 'parked'],
    ['experimenting', 'rejected'],
    ['parked', 'evaluating'],
    ['parked', 'new'],
    ['adopted', 'evaluating'],
    ['rejected', 'screening'],
    ['stopped', 'experimenting'],
    ['merged', 'new'],
    ['merged', 'merged'],
    ['adopted', 'merged'],
    ['rejected', 'merged'],
    ['new', 'new'],
  ])('refuses %s → %s', (from, to) => {
    expect(canMove(from, to)).toBe(false)
  })

  it('decided ideas are closed and go nowhere; parked is still open', () => {
    for (const status of ['adopted', 'stopped', 'rejected', 'merged'] as const) {
      expect(isOpenStatus(status)).toBe(false)
      expect(STATUS_MOVES[status]).toEqual([])
    }
    expect(isOpenStatus('parked')).toBe(true)
  })

  it('reads a stored status back as itself, and an unknown one as new', () => {
    for (const status of IDEA_STATUSES) expect(storedIdeaStatus(status)).toBe(status)
    expect(storedIdeaStatus('archived')).toBe('new')
  })

  it('needs a comment for parked, rejected, stopped and merged only', () => {
    expect([...COMMENT_REQUIRED].sort()).toEqual(['merged', 'parked', 'rejected', 'stopped'])
    expect(IDEA_STATUSES.filter(needsComment).sort()).toEqual(['merged', 'parked', 'rejected', 'stopped'])
  })

  it('lets the experiment record be edited while evaluating or experimenting, and on the way in or out', () => {
    expect(canEditExperiment('evaluating', 'evaluating')).toBe(true)
    expect(canEditExperiment('experimenting', 'experimenting')).toBe(true)
    expect(canEditExperiment('screening', 'evaluating')).toBe(true)
    expect(canEditExperiment('experimenting', 'adopted')).toBe(true)
    expect(canEditExperiment('new', 'new')).toBe(false)
    expect(canEditExperiment('screening', 'screening')).toBe(false)
    expect(canEditExperiment('adopted', 'adopted')).toBe(false)
    expect(canEditExperiment('parked', 'screening')).toBe(false)
  })
})
