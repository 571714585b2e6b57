import type { NoteData } from '@shared/board/index.ts'
import type { Identity } from '../../identity/identity.ts'
import type { Locale } from '../../i18n/index.ts'
import type { VoteResult } from '../data/vote-tally.ts'
import type { NoteLook } from './draw-note.ts'
import { ideaBadge } from './idea-badge.ts'

/** What decides how a note looks besides the note itself (the session, who is looking). */
export interface LookContext {
  /** Silent mode, and whether this user sees the note face down in it. */
  faceDown: (note: NoteData) => boolean
  /** A dot-voting round is open: totals are hidden, one's own dots shown. */
  voting: boolean
  /** The closed round's result for a note. */
  result: (id: string) => VoteResult | undefined
  /** Whose dots to show while voting, in which colour; null shows none (an export). */
  me: { id: string; color: string } | null
  locale: Locale
}

/**
 * A note as drawn (draw-note.ts): face down in silent mode, its idea badge, one's own dots
 * while a round is open, the place and dots once it is closed (totals only then: nobody
 * follows the crowd).
 */
export function lookOf(note: NoteData, context: LookContext, editor?: Identity): NoteLook {
  const faceDown = context.faceDown(note)
  const mine = context.me && context.voting ? (note.votes[context.me.id] ?? 0) : 0
  return {
    id: note.id,
    x: note.x,
    y: note.y,
    width: note.width,
    height: note.height,
    color: note.color,
    text: note.text,
    faceDown,
    editor: faceDown ? undefined : editor,
    badge: faceDown ? null : ideaBadge(note, context.locale),
    myDots: mine > 0 && context.me ? { count: mine, color: context.me.color } : null,
    result: context.voting ? null : (context.result(note.id) ?? null),
  }
}
