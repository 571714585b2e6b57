import { useState } from 'react'
import { LOCALES } from '@shared/templates/types.ts'
import { LOCALE_NAMES, localeFromLanguages, setLocale } from '../i18n/index.ts'
import { useT } from '../i18n/use-t.ts'
import { ChunkFailed } from './lazy.tsx'

/** Suomi / Svenska / English, kept on this device. A language's strings load when it is chosen. */
export function LanguageSwitch() {
  const { t, locale } = useT()
  const [failed, setFailed] = useState(false)
  const choose = (value: string) => {
    setFailed(false)
    setLocale(localeFromLanguages([value])).catch(() => setFailed(true))
  }
  return (
    <>
      <label className="language-switch">
        <span className="visually-hidden">{t('language.label')}</span>
        <select value={locale} onChange={(event) => choose(event.target.value)}>
          {LOCALES.map((code) => (
            <option key={code} value={code} lang={code}>
              {LOCALE_NAMES[code]}
            </option>
          ))}
        </select>
      </label>
      {failed && <ChunkFailed inline />}
    </>
  )
}
