import type { NoteData } from '@shared/board/index.ts'
import { IDEA_STATUSES, statusLabel, type IdeaStatus } from '@shared/ideas/index.ts'
import type { Locale } from '../../i18n/index.ts'

function isIdeaStatus(value: string): value is IdeaStatus {
  return (IDEA_STATUSES as readonly string[]).includes(value)
}

/** "KT-2026-0042 · Screening" for a promoted note (updated live by the server), else null. */
export function ideaBadge(note: Pick<NoteData, 'ideaId' | 'ideaRef' | 'ideaStatus'>, locale: Locale): string | null {
  if (!note.ideaId) return null
  const status =
    note.ideaStatus && isIdeaStatus(note.ideaStatus) ? statusLabel(note.ideaStatus, locale) : note.ideaStatus
  return [note.ideaRef ?? '', status ? `· ${status}` : ''].filter(Boolean).join(' ') || null
}
