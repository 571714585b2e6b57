import type { NoteData } from '@shared/board/index.ts'
// The modules themselves, not the index: that would bring the idea schemas (and their library).
import { statusLabel } from '@shared/ideas/labels.ts'
import { IDEA_STATUSES, type IdeaStatus } from '@shared/ideas/workflow.ts'
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
