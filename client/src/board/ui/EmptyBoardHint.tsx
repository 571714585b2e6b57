import { useCallback } from 'react'
import { useStore, useStoreSelector } from '../../lib/use-store.ts'
import { useT } from '../../i18n/use-t.ts'
import { useBoard } from '../board-context.ts'

/**
 * First-time help on a board with no notes yet, for those who may write: how to add one. Gone
 * with the first note. Shown only once the board has synced, so that a board whose notes are
 * still on their way never flashes "empty".
 */
export function EmptyBoardHint() {
  const { session } = useBoard()
  const { t } = useT()
  const empty = useStoreSelector(
    session.stores.notes.order,
    useCallback((ids: readonly string[]) => ids.length === 0, []),
  )
  const canWrite = useStoreSelector(
    session.capabilities,
    useCallback((c: { editNotes: boolean }) => c.editNotes, []),
  )
  const synced = useStore(session.connection).kind === 'connected'
  if (!empty || !canWrite || !synced) return null
  return (
    <div className="empty-board-hint" data-testid="empty-board-hint" role="note">
      <strong>{t('board.emptyHint')}</strong>
      <span>{t('board.emptyHintMore')}</span>
    </div>
  )
}
