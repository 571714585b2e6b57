import { useStore } from '../../lib/use-store.ts'
import { useT } from '../../i18n/use-t.ts'
import { useBoard } from '../board-context.ts'

/**
 * Says plainly when this user cannot change the board (or others' notes are hidden), and why.
 * An open dot vote has its own bar (the facilitation strips). The banners lie over the
 * canvas's top row and hold text only: the pointer passes through them to the board
 * (styles.css, `.canvas-top > .banner`), so the notes under them can be clicked and edited.
 */
export function Banners() {
  const { session, ui } = useBoard()
  const { t } = useT()
  const can = useStore(session.capabilities)
  const state = useStore(session.stores.session)
  const myDrafts = useStore(session.draftCount)
  const choosing = useStore(ui.touchChoosing)
  const banners: { key: string; className: string; text: string }[] = []
  if (can.role === 'viewer') banners.push({ key: 'viewer', className: 'banner-readonly', text: t('banner.viewer') })
  else if (state.locked) {
    banners.push({
      key: 'locked',
      className: 'banner-locked',
      text: can.role === 'facilitator' ? t('facilitation.banner.lockedFacilitator') : t('banner.locked'),
    })
  }
  if (state.silent) {
    const text =
      can.role === 'facilitator'
        ? t('facilitation.banner.silentFacilitator')
        : can.role === 'viewer'
          ? t('facilitation.banner.silentViewer')
          : t('facilitation.banner.silent')
    banners.push({ key: 'silent', className: 'banner-silent', text })
  }
  if (myDrafts > 0 && can.role !== 'viewer') {
    banners.push({ key: 'drafts', className: 'banner-silent', text: t('drafts.mine', { count: myDrafts }) })
  }
  if (choosing) banners.push({ key: 'choosing', className: 'banner-readonly', text: t('a11y.touchChoosing') })
  return (
    <>
      {banners.map((banner) => (
        <div key={banner.key} className={`banner ${banner.className}`} role="note" data-testid={`${banner.key}-banner`}>
          {banner.text}
        </div>
      ))}
    </>
  )
}
