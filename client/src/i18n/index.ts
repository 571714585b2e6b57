import type { Catalogue, MessageKey } from './catalogues.ts'
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

/**
 * Each language's strings are two chunks of their own, loaded when that language is first
 * used: a participant downloads the strings of their language only, and of those first what
 * a board or the start page shows when it opens (`<locale>.json`); the rest (`more/`) comes
 * with the first page or part that needs it (app/lazy.tsx: loadMoreStrings). catalogues.ts,
 * which imports them all, is for the type and the tests.
 */
const LOADERS: Record<Locale, () => Promise<{ default: Partial<Catalogue> }>> = {
  en: () => import('./en.json'),
  fi: () => import('./fi.json'),
  sv: () => import('./sv.json'),
}
const MORE_LOADERS: Record<Locale, () => Promise<{ default: Partial<Catalogue> }>> = {
  en: () => import('./more/en.json'),
  fi: () => import('./more/fi.json'),
  sv: () => import('./more/sv.json'),
}

const loaded: Partial<Record<Locale, Partial<Catalogue>>> = {}
const loadedMore: Partial<Record<Locale, Partial<Catalogue>>> = {}
const loadingMore: Partial<Record<Locale, Promise<void>>> = {}
/** Once a page or part needed the further strings, a language chosen later loads them too. */
let moreWanted = false

/** Counts the further strings' arrivals: useT re-renders with them (a key shown meanwhile goes). */
export const moreStringsStore = new Store(0)

/** Loads a language's catalogue (once); the app starts after the first language's has loaded. */
export async function loadCatalogue(locale: Locale): Promise<void> {
  if (!loaded[locale]) loaded[locale] = (await LOADERS[locale]()).default
}

function loadMore(locale: Locale): Promise<void> {
  loadingMore[locale] ??= MORE_LOADERS[locale]().then(
    (module) => {
      loadedMore[locale] = module.default
      moreStringsStore.update((count) => count + 1)
    },
    (error: unknown) => {
      // Not kept: the next page or part that needs them tries again (and shows its notice).
      delete loadingMore[locale]
      throw error
    },
  )
  return loadingMore[locale]
}

/**
 * The strings beyond what a board or the start page shows when it opens, in the UI language
 * (and from now on in any language the switch chooses). Rejects when they cannot be loaded.
 */
export function loadMoreStrings(): Promise<void> {
  moreWanted = true
  return loadMore(localeStore.get())
}

/**
 * The message for `key` in `locale`, placeholders filled and plurals chosen (message-format.ts).
 * The catalogue is loaded before the language is used (main.tsx, setLocale); should it not
 * be, the key itself is shown rather than nothing. A key of the further strings asked before
 * they were loaded (code that the first view was not expected to run) loads them: useT then
 * shows the message.
 */
export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const message = loaded[locale]?.[key] ?? loadedMore[locale]?.[key]
  if (message !== undefined) return formatMessage(message, locale, params)
  if (loaded[locale] && !loadedMore[locale]) {
    loadMore(locale).catch(() => {
      // The key stays shown; a part that needs these strings shows its own reload notice.
    })
  }
  return key
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

let wanted: Locale | null = null

/**
 * Switches the UI language once its catalogue has loaded (the last choice wins when the user
 * picks again meanwhile). Rejects when the catalogue cannot be loaded (after a redeploy the
 * old build's files are gone): the language stays as it was.
 */
export async function setLocale(locale: Locale): Promise<void> {
  wanted = locale
  await loadCatalogue(locale)
  if (moreWanted) await loadMore(locale)
  if (wanted !== locale) return
  writeJson(LOCALE_KEY, locale)
  localeStore.set(locale)
}
