import { CATALOGUES, type MessageKey } from './catalogues.ts'
import { Store } from '../lib/store.ts'
import { readJson, writeJson } from '../lib/local-storage.ts'
import type { Locale } from '@shared/templates/types.ts'

export type { MessageKey }
export type { Locale }

export const LOCALE_NAMES: Record<Locale, string> = { fi: 'Suomi', en: 'English' }

const LOCALE_KEY = 'kokeileva.locale'

function isLocale(value: unknown): value is Locale {
  return value === 'fi' || value === 'en'
}

/** The browser's first language we have a catalogue for; English otherwise. */
export function localeFromLanguages(languages: readonly string[]): Locale {
  for (const language of languages) {
    const base = language.toLowerCase().split('-')[0]
    if (isLocale(base)) return base
  }
  return 'en'
}

export type Params = Record<string, string | number>

/** Fills `{name}` placeholders; a missing parameter stays visible rather than vanishing. */
export function format(template: string, params?: Params): string {
  if (!params) return template
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
}

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  return format(CATALOGUES[locale][key], params)
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
