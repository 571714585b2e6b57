import { Suspense, useEffect } from 'react'
import { useStore } from '../lib/use-store.ts'
import { localeStore } from '../i18n/index.ts'
import { useT } from '../i18n/use-t.ts'
import { Link, matchPath, pathStore } from '../router/router.tsx'
import { routes } from '../routes.tsx'
import { PageLoading } from './lazy.tsx'

/** Picks the page for the current path; keeps <html lang> in step with the UI language. */
export function App() {
  const path = useStore(pathStore)
  const locale = useStore(localeStore)
  useEffect(() => {
    document.documentElement.lang = locale
  }, [locale])
  for (const route of routes) {
    const params = matchPath(route.pattern, path)
    if (params) {
      const Page = route.component
      return (
        <Suspense fallback={<PageLoading />}>
          <Page {...params} />
        </Suspense>
      )
    }
  }
  return <NotFound />
}

function NotFound() {
  const { t } = useT()
  return (
    <main className="page narrow">
      <h1>{t('notFound.title')}</h1>
      <Link to="/">{t('nav.home')}</Link>
    </main>
  )
}
