import type { ImportResult } from '@shared/api/import.ts'
import { request } from './http.ts'

/**
 * Sends a file of notes to the board (the facilitator's token): `dryRun` answers what would
 * be created (the dialog's preview); otherwise the notes are written and appear on everyone's
 * board at once.
 */
export function importNotes(
  boardId: string,
  token: string,
  file: { text: string; csv: boolean },
  options: { zone?: string | undefined; dryRun: boolean },
): Promise<ImportResult> {
  const query = new URLSearchParams()
  if (options.zone) query.set('zone', options.zone)
  if (options.dryRun) query.set('dryRun', '1')
  const search = query.size > 0 ? `?${query.toString()}` : ''
  return request<ImportResult>(`/api/boards/${encodeURIComponent(boardId)}/notes/import${search}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': `${file.csv ? 'text/csv' : 'text/plain'}; charset=utf-8`,
    },
    body: file.text,
  })
}
