import { useT } from '../i18n/use-t.ts'
import { Link } from '../router/router.tsx'

/**
 * "Kokeileva", a link home. Its accessible name starts with the visible word (WCAG 2.5.3, so
 * that "click Kokeileva" works for voice control) and goes on to say where it leads.
 */
export function BrandLink() {
  const { t } = useT()
  return (
    <Link to="/" className="brand">
      Kokeileva<span className="visually-hidden"> – {t('nav.homePage')}</span>
    </Link>
  )
}
