import { LOCALES, type Locale } from './templates/types.ts'

/** The UI's languages: which language tags map to them, for the browser and for the server. */

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}

/** The first language in the list we have (by its base: 'sv-FI' is 'sv'); English otherwise. */
export function localeFromLanguages(languages: readonly string[]): Locale {
  for (const language of languages) {
    const base = language.trim().toLowerCase().split(/[-_;]/)[0]
    if (isLocale(base)) return base
  }
  return 'en'
}

/**
 * The first language of an Accept-Language header that we have, in the order the browser
 * sends them (most preferred first; weights are not re-sorted, browsers already send them
 * in order): 'sv-FI,sv;q=0.9,fi;q=0.8' is 'sv'.
 */
export function localeFromAcceptLanguage(header: string | undefined): Locale {
  return localeFromLanguages((header ?? '').split(','))
}
