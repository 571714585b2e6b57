import { useT } from '../i18n/use-t.ts'
import { Link } from '../router/router.tsx'
import { LanguageSwitch } from '../app/LanguageSwitch.tsx'

/** Placeholder for the idea registry (list with filters); the registry feature replaces it. */
export function IdeasPage() {
  const { t } = useT()
  return (
    <main className="page narrow">
      <div className="page-top"><Link to="/" className="brand">Kokeileva</Link><LanguageSwitch /></div>
      <h1>{t('ideas.title')}</h1>
      <p>{t('ideas.comingSoon')}</p>
    </main>
  )
}

/** Placeholder for one idea with its timeline. */
export function IdeaPage({ id }: { id: string }) {
  const { t } = useT()
  return (
    <main className="page narrow">
      <div className="page-top"><Link to="/ideas" className="brand">{t('ideas.title')}</Link><LanguageSwitch /></div>
      <h1>{t('ideas.one', { id })}</h1>
      <p>{t('ideas.comingSoon')}</p>
    </main>
  )
}
