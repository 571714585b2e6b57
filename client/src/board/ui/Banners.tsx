import { useStore } from '../../lib/use-store.ts'
import { useT } from '../../i18n/use-t.ts'
import { useBoard } from '../board-context.ts'

/** Says plainly when this user cannot change the board (or others' notes are hidden), and why. */
export function Banners() {
  const { session } = useBoard()
  const { t } = useT()
  const can = useStore(session.capabilities)
  const state = useStore(session.stores.session)
  const banners: { key: string; className: string; text: string }[] = []
  if (can.role === 'viewer') banners.push({ key: 'viewer', className: 'banner-readonly', text: t('banner.viewer') })
  else if (state.locked && can.role === 'participant') banners.push({ key: 'locked', className: 'banner-locked', text: t('banner.locked') })
  else if (state.voting.open && can.role === 'participant') banners.push({ key: 'voting', className: 'banner-locked', text: t('banner.voting') })
  if (state.silent) {
    banners.push({ key: 'silent', className: 'banner-silent', text: can.role === 'facilitator' ? t('banner.silentFacilitator') : t('banner.silent') })
  }
  return (
    <>
      {banners.map((banner) => (
        <div key={banner.key} className={`banner ${banner.className}`} role="note" data-testid={`${banner.key}-banner`}>{banner.text}</div>
      ))}
    </>
  )
}
