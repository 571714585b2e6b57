import { LOCALES } from '@shared/templates/types.ts'
import { LOCALE_NAMES, localeFromLanguages, setLocale } from '../i18n/index.ts'
import { useT } from '../i18n/use-t.ts'

/** Suomi / Svenska / English, kept on this device. */
export function LanguageSwitch() {
  const { t, locale } = useT()
  return (
    <label className="language-switch">
      <span className="visually-hidden">{t('language.label')}</span>
      <select value={locale} onChange={(event) => setLocale(localeFromLanguages([event.target.value]))}>
        {LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LOCALE_NAMES[code]}
          </option>
        ))}
      </select>
    </label>
  )
}
