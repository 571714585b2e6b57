import { AccountBar } from '../app/AccountBar.tsx'
import { BrandLink } from '../app/BrandLink.tsx'
import { LanguageSwitch } from '../app/LanguageSwitch.tsx'
import { useT } from '../i18n/use-t.ts'
import { Link } from '../router/router.tsx'
import { HubTokenControl } from './HubTokenControl.tsx'
import { lastListSearch } from './last-list-search.ts'
import { useStore } from '../lib/use-store.ts'

/** The strip above both registry pages: home, the list, language, and the hub's sign-in. */
export function RegistryHeader({ onList }: { onList: boolean }) {
  const { t } = useT()
  const listSearch = useStore(lastListSearch)
  return (
    <>
      <div className="page-top">
        <BrandLink />
        <nav aria-label={t('nav.label')}>
          {onList ? (
            <span aria-current="page">{t('ideas.title')}</span>
          ) : (
            <Link to={`/ideas${listSearch}`}>← {t('ideas.backToList')}</Link>
          )}
          {window.location.pathname !== '/ideas/board' && <Link to="/ideas/board">{t('nav.hubBoard')}</Link>}
          {window.location.pathname !== '/digest' && <Link to="/digest">{t('nav.digest')}</Link>}
        </nav>
        <AccountBar />
        <LanguageSwitch />
      </div>
      <HubTokenControl />
    </>
  )
}
