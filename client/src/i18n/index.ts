import { CATALOGUES, type MessageKey } from './catalogues.ts'
import { formatMessage, type Params } from './message-format.ts'
import { Store } from '../lib/store.ts'
import { readJson, writeJson } from '../lib/local-storage.ts'
import { isLocale, localeFromLanguages } from '@shared/locale.ts'
import type { Locale } from '@shared/templates/types.ts'

export type { MessageKey }
export type { Locale }

export const LOCALE_NAMES: Record<Locale, string> = { fi: 'Suomi', en: 'English', sv: 'Svenska' }

/** The tag dates and numbers are formatted with: Finnish and Swedish as written in Finland. */
export const INTL_LOCALES: Record<Locale, string> = { fi: 'fi-FI', en: 'en-GB', sv: 'sv-FI' }

const LOCALE_KEY = 'kokeileva.locale'

export { isLocale, localeFromLanguages }

export type { Params }

/** The message for `key` in `locale`, placeholders filled and plurals chosen (message-format.ts). */
export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  return formatMessage(CATALOGUES[locale][key], locale, params)
}

export type Translate = (key: MessageKey, params?: Params) => string

function initialLocale(): Locale {
  const stored = readJson<Locale | null>(LOCALE_KEY, (v): v is Locale | null => v === null || isLocale(v), null)
  if (stored) return stored
  const languages = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language])
  return localeFromLanguages(languages)
}

/** The UI language: from the browser at first, then the user's choice (kept on this device). */
export const localeStore = new Store<Locale>(initialLocale())

export function setLocale(locale: Locale): void {
  writeJson(LOCALE_KEY, locale)
  localeStore.set(locale)
}
