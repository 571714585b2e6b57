import { AccountBar } from '../app/AccountBar.tsx'
import { LanguageSwitch } from '../app/LanguageSwitch.tsx'
import { meStore, signInHref } from '../app/me.ts'
import { useT } from '../i18n/use-t.ts'
import { useStore } from '../lib/use-store.ts'
import { Link } from '../router/router.tsx'
import { CreateBoard } from './CreateBoard.tsx'
import { MyBoards } from './MyBoards.tsx'
import { OpenLink } from './OpenLink.tsx'
import { RecentBoards } from './RecentBoards.tsx'

/** `/`: create a board, reopen one from this device, or open a share link someone sent. */
export function StartPage() {
  const { t } = useT()
  const me = useStore(meStore)
  return (
    <main className="page start-page">
      <div className="page-top">
        <span className="brand">Kokeileva</span>
        <nav aria-label={t('nav.label')}>
          <Link to="/ideas">{t('nav.ideas')}</Link>
        </nav>
        <AccountBar />
        <LanguageSwitch />
      </div>
      <h1>{t('start.title')}</h1>
      <p className="lead">{t('start.lead')}</p>
      <div className="start-grid">
        {me.auth === 'oidc' && !me.user ? <SignInToCreate /> : <CreateBoard />}
        <div>
          <MyBoards />
          <OpenLink />
          <RecentBoards />
        </div>
      </div>
    </main>
  )
}

/** With sign-in (AUTH=oidc), boards are created by people who have signed in: say so, instead of a form that would refuse. */
function SignInToCreate() {
  const { t } = useT()
  return (
    <section className="card" aria-labelledby="sign-in-to-create-title" data-testid="sign-in-to-create">
      <h2 id="sign-in-to-create-title">{t('create.title')}</h2>
      <p>{t('account.signInToCreate')}</p>
      <a className="button primary" href={signInHref('/')}>
        {t('account.signIn')}
      </a>
    </section>
  )
}
