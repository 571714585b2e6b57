import { useCallback } from 'react'
import { useStore, useStoreSelector } from '../../lib/use-store.ts'
import { useT } from '../../i18n/use-t.ts'
import { useTemplateTexts, zoneTitle } from '../../facilitation/phase-text.ts'
import { useBoard } from '../board-context.ts'
import { boardToScreen } from '../view/viewport.ts'
import { useNewNotesBlocked } from './use-new-notes.ts'

/**
 * First-time help on a board with no notes yet, for those who may write: how to add one. Gone
 * with the first note. Shown only once the board has synced, so that a board whose notes are
 * still on their way never flashes "empty". When the phase opens only some zones, it sits in
 * the open zone new notes go to and names it, never over a closed one; with no zone open to
 * this user, there is nothing to tell.
 */
export function EmptyBoardHint() {
  const board = useBoard()
  const { session } = board
  const empty = useStoreSelector(
    session.stores.notes.order,
    useCallback((ids: readonly string[]) => ids.length === 0, []),
  )
  const blocked = useNewNotesBlocked(board)
  const synced = useStore(session.connection).kind === 'connected'
  if (!empty || blocked !== null || !synced) return null
  return <Hint />
}

/** The hint itself: it follows the camera (mounted only while the board is empty). */
function Hint() {
  const { session, viewport, commands } = useBoard()
  const { t, locale } = useT()
  useTemplateTexts()
  const view = useStore(viewport)
  const size = useStore(viewport.size)
  const meta = useStore(session.stores.meta)
  const zone = commands.newNotesZone()
  let style: { left: number; top: number } | undefined
  if (zone) {
    // The middle of the part of the zone on screen (or of the zone, when none of it shows).
    const a = boardToScreen(view, zone)
    const b = boardToScreen(view, { x: zone.x + zone.width, y: zone.y + zone.height })
    const left = Math.max(a.x, 0)
    const right = Math.min(b.x, size.width)
    const top = Math.max(a.y, 0)
    const bottom = Math.min(b.y, size.height)
    style =
      left < right && top < bottom
        ? { left: (left + right) / 2, top: (top + bottom) / 2 }
        : { left: (a.x + b.x) / 2, top: (a.y + b.y) / 2 }
  }
  return (
    <div className="empty-board-hint" data-testid="empty-board-hint" role="note" style={style}>
      <strong>
        {zone ? t('board.emptyHintZone', { zone: zoneTitle(zone, meta, locale).text }) : t('board.emptyHint')}
      </strong>
      <span>{t('board.emptyHintMore')}</span>
    </div>
  )
}
