import type { CsvSeparator } from '@shared/api/exports.ts'
import { LOCALES, type Locale } from '@shared/templates/types.ts'
import type { MessageKey } from '../i18n/index.ts'
import { LOCALE_NAMES, localeFromLanguages } from '../i18n/index.ts'
import { useT } from '../i18n/use-t.ts'

/** A labelled group of radio buttons. */
export function RadioGroup<T extends string>({
  name,
  legend,
  options,
  value,
  onChange,
}: {
  name: string
  legend: MessageKey
  options: readonly { value: T; label: MessageKey; hint?: MessageKey }[]
  value: T
  onChange: (value: T) => void
}) {
  const { t } = useT()
  return (
    <fieldset className="radio-group">
      <legend>{t(legend)}</legend>
      {options.map((option) => (
        <label key={option.value} className="radio">
          <input
            type="radio"
            name={name}
            value={option.value}
            checked={value === option.value}
            onChange={() => onChange(option.value)}
          />
          <span>
            {t(option.label)}
            {option.hint && <span className="muted"> — {t(option.hint)}</span>}
          </span>
        </label>
      ))}
    </fieldset>
  )
}

export const SEPARATOR_OPTIONS: readonly { value: CsvSeparator; label: MessageKey; hint: MessageKey }[] = [
  { value: 'semicolon', label: 'export.semicolon', hint: 'export.semicolonHint' },
  { value: 'comma', label: 'export.comma', hint: 'export.commaHint' },
]

/** The language of the file's headings and column names. */
export function ExportLanguage({
  id,
  value,
  onChange,
}: {
  id: string
  value: Locale
  onChange: (locale: Locale) => void
}) {
  const { t } = useT()
  return (
    <>
      <label htmlFor={id}>{t('export.language')}</label>
      <select id={id} value={value} onChange={(event) => onChange(localeFromLanguages([event.target.value]))}>
        {LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LOCALE_NAMES[code]}
          </option>
        ))}
      </select>
    </>
  )
}
