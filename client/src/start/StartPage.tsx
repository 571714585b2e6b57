import { LanguageSwitch } from '../app/LanguageSwitch.tsx'
import { useT } from '../i18n/use-t.ts'
import { Link } from '../router/router.tsx'
import { CreateBoard } from './CreateBoard.tsx'
import { MyBoards } from './MyBoards.tsx'
import { OpenLink } from './OpenLink.tsx'
import { RecentBoards } from './RecentBoards.tsx'

/** `/`: create a board, reopen one from this device, or open a share link someone sent. */
export function StartPage() {
  const { t } = useT()
  return (
    <main className="page start-page">
      <div className="page-top">
        <span className="brand">Kokeileva</span>
        <nav aria-label={t('nav.label')}>
          <Link to="/ideas">{t('nav.ideas')}</Link>
        </nav>
        <LanguageSwitch />
      </div>
      <h1>{t('start.title')}</h1>
      <p className="lead">{t('start.lead')}</p>
      <div className="start-grid">
        <CreateBoard />
        <div>
          <MyBoards />
          <OpenLink />
          <RecentBoards />
        </div>
      </div>
    </main>
  )
}
