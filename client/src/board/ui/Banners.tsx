import { useStore } from '../../lib/use-store.ts'
import { useT } from '../../i18n/use-t.ts'
import { useBoard } from '../board-context.ts'

/** Says plainly when this user cannot change the board, and why. */
export function Banners() {
  const { session } = useBoard()
  const { t } = useT()
  const can = useStore(session.capabilities)
  if (can.role === 'viewer') {
    return <div className="banner banner-readonly" role="note" data-testid="viewer-banner">{t('banner.viewer')}</div>
  }
  if (!can.editNotes) {
    return <div className="banner banner-locked" role="note">{t('banner.locked')}</div>
  }
  return null
}
