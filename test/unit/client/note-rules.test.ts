import { describe, expect, it } from 'vitest'
import type { NoteData, PhaseData, SessionState, ZoneData } from '@shared/board/index.ts'
import { NoteRules, refusalCodeOf, type RulesInput } from '../../../client/src/board/data/note-rules.ts'
import type { Role } from '@shared/roles.ts'

const zones: ZoneData[] = [
  {
    id: 'dreamer',
    title: 'Dreamer',
    kind: 'dreamer',
    x: 0,
    y: 0,
    width: 1000,
    height: 1000,
    color: '#fff',
    prompt: '',
  },
  {
    id: 'critic',
    title: 'Critic',
    kind: 'critic',
    x: 2000,
    y: 0,
    width: 1000,
    height: 1000,
    color: '#fff',
    prompt: '',
  },
]
const phases: PhaseData[] = [
  {
    id: 'dream',
    title: 'Dream',
    prompt: '',
    minutes: 10,
    openZones: ['dreamer'],
    silent: false,
    voting: false,
    loopTo: null,
  },
]
const baseSession: SessionState = {
  phase: 'dream',
  timer: null,
  locked: false,
  silent: false,
  voting: { open: false, votesPerPerson: 3 },
  follow: null,
  spotlight: null,
}

function note(authorId: string, x: number, votes: Record<string, number> = {}): NoteData {
  return {
    id: 'n',
    text: 't',
    x,
    y: 100,
    width: 160,
    height: 160,
    color: '#fff',
    zone: null,
    authorId,
    authorName: 'A',
    createdAt: 0,
    votes,
    ideaId: null,
    ideaRef: null,
    ideaStatus: null,
    heldBack: null,
  }
}

function rules(role: Role, session: Partial<SessionState> = {}): NoteRules {
  const input: RulesInput = { role, participantId: 'me', session: { ...baseSession, ...session }, phases, zones }
  return new NoteRules(() => input)
}

describe('NoteRules mirror what the server enforces', () => {
  it('lets participants write only in the zones open in this phase', () => {
    const participant = rules('participant')
    expect(participant.toCreate(note('me', 100))).toBeNull()
    expect(participant.toCreate(note('me', 2100))).toBe('zone-closed')
    expect(participant.toMove(note('me', 100), note('me', 2100))).toBe('zone-closed')
    expect(rules('facilitator').toCreate(note('me', 2100))).toBeNull()
    expect(rules('viewer').toCreate(note('me', 100))).toBe('read-only')
  })

  it('in silent mode, lets participants change only their own notes and shows others face down', () => {
    const participant = rules('participant', { silent: true })
    expect(participant.toChange(note('me', 100))).toBeNull()
    expect(participant.toChange(note('someone', 100))).toBe('silent-not-own')
    expect(participant.visibility(note('someone', 100))).toBe('face-down')
    expect(participant.visibility(note('me', 100))).toBe('visible')
    expect(rules('facilitator', { silent: true }).visibility(note('someone', 100))).toBe('visible')
    expect(rules('participant').visibility(note('someone', 100))).toBe('visible')
  })

  it('refuses while locked or voting, and deleting a note with votes', () => {
    expect(rules('participant', { locked: true }).toChange(note('me', 100))).toBe('locked')
    expect(rules('participant', { voting: { open: true, votesPerPerson: 3 } }).toChange(note('me', 100))).toBe('voting')
    expect(rules('participant').toDelete(note('me', 100, { other: 1 }))).toBe('voted-note')
    expect(rules('facilitator').toDelete(note('me', 100, { other: 1 }))).toBeNull()
  })

  it("reads the server's refusal reasons as codes", () => {
    expect(refusalCodeOf('this role is read-only')).toBe('read-only')
    expect(refusalCodeOf('the board is locked')).toBe('locked')
    expect(refusalCodeOf('the zone "Critic" is closed in this phase')).toBe('zone-closed')
    expect(refusalCodeOf('in silent mode participants may change only their own notes')).toBe('silent-not-own')
    expect(refusalCodeOf('only the facilitator may delete a note that has votes')).toBe('voted-note')
    expect(refusalCodeOf('only the facilitator may change zones')).toBe('facilitator-only')
    expect(refusalCodeOf('something new')).toBe('other')
  })
})
