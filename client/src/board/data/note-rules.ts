import type { NoteData, NotePlacement, PhaseData, SessionState, ZoneData } from '@shared/board/index.ts'
import { currentPhase, noteChangeRefusal, noteVisibility, type NoteVisibility } from '@shared/facilitation/index.ts'
import { PERMISSIONS, type Role } from '@shared/roles.ts'

/** Why a change is not allowed, as the UI explains it (server reasons map onto these too). */
export type RefusalCode =
  | 'read-only'
  | 'facilitator-only'
  | 'locked'
  | 'voting'
  | 'zone-closed'
  | 'silent-not-own'
  | 'voted-note'
  | 'vote-closed'
  | 'vote-limit'
  /** No zone is open to this participant in the phase: nowhere to put a new note. */
  | 'no-open-zone'
  /** A paste had more lines than one paste makes notes of (the rest were left out). */
  | 'paste-limit'
  | 'board-full'
  /** A note of this user's that the board refused was put back into their private draft. */
  | 'held-back'
  | 'other'

/** The server's permission-denied reason (English, from the board's rules) as a code. */
export function refusalCodeOf(reason: string): RefusalCode {
  if (/board is full/i.test(reason)) return 'board-full'
  if (/read-only/i.test(reason)) return 'read-only'
  if (/locked/i.test(reason)) return 'locked'
  if (/closed in this phase/i.test(reason)) return 'zone-closed'
  if (/silent mode/i.test(reason)) return 'silent-not-own'
  if (/has votes/i.test(reason)) return 'voted-note'
  if (/while voting is open/i.test(reason)) return 'voting'
  if (/voting is closed/i.test(reason)) return 'vote-closed'
  if (/no votes left/i.test(reason)) return 'vote-limit'
  if (/facilitator/i.test(reason)) return 'facilitator-only'
  return 'other'
}

export interface RulesInput {
  role: Role
  participantId: string
  session: SessionState
  phases: readonly PhaseData[]
  zones: readonly ZoneData[]
}

/**
 * What this user may do to notes right now, with the same shared rules the server enforces
 * (shared/facilitation), so that the board does not show a change the server would then take
 * back. Facilitators are bound only by the role table.
 */
export class NoteRules {
  readonly #input: () => RulesInput

  constructor(input: () => RulesInput) {
    this.#input = input
  }

  #participantRefusal(before: NotePlacement | null, after: NotePlacement | null): RefusalCode | null {
    const { role, participantId, session, phases, zones } = this.#input()
    if (!PERMISSIONS[role].writeContent) return 'read-only'
    if (PERMISSIONS[role].controlSession) return null
    const refusal = noteChangeRefusal({ session, phase: currentPhase(phases, session), zones, participantId }, before, after)
    return refusal ? refusal.code as RefusalCode : null
  }

  /**
   * Whether this user may change (edit, move, resize, recolour) the note where it is. A note
   * the board sent back to this user's draft (heldBack) is theirs alone: the phase's rules
   * apply only to where it goes (toMove), as to a new note.
   */
  toChange(note: NotePlacement & Partial<Pick<NoteData, 'heldBack'>>): RefusalCode | null {
    if (note.heldBack) return this.#roleRefusal()
    return this.#participantRefusal(note, note)
  }

  /** Whether this user may move or resize the note to `after`. */
  toMove(note: NotePlacement & Partial<Pick<NoteData, 'heldBack'>>, after: NotePlacement): RefusalCode | null {
    return this.#participantRefusal(note.heldBack ? null : note, after)
  }

  toCreate(placement: NotePlacement): RefusalCode | null {
    return this.#participantRefusal(null, placement)
  }

  toDelete(note: NoteData): RefusalCode | null {
    if (note.heldBack) return this.#roleRefusal()
    const refusal = this.#participantRefusal(note, null)
    if (refusal) return refusal
    const { role } = this.#input()
    if (!PERMISSIONS[role].controlSession && Object.keys(note.votes).length > 0) return 'voted-note'
    return null
  }

  #roleRefusal(): RefusalCode | null {
    return PERMISSIONS[this.#input().role].writeContent ? null : 'read-only'
  }

  /** Silent mode: others' notes are shown face down to participants (and to viewers). */
  visibility(note: Pick<NoteData, 'authorId'>): NoteVisibility {
    const { role, participantId, session } = this.#input()
    return noteVisibility(note, { role, participantId }, session)
  }
}
