import en from './en.json'
import fi from './fi.json'
import sv from './sv.json'
import enMore from './more/en.json'
import fiMore from './more/fi.json'
import svMore from './more/sv.json'
import type { Locale } from '@shared/templates/types.ts'

/**
 * Every UI string lives in JSON files per language (flat key → message, `{name}`
 * placeholders), the format translation tools read and write: `<locale>.json` holds what a
 * board or the start page shows when it opens, `more/<locale>.json` the rest (the registry,
 * digest and admin pages, dialogs, panels and bars that load when first shown: index.ts).
 * English is the reference: its keys are the message keys, and the type below makes every
 * other catalogue define them all (test/unit/client/i18n-catalogues.test.ts checks what the
 * type cannot: no extra keys, no empty messages, the same placeholders, the same split).
 */
export type FirstKey = keyof typeof en
export type MoreKey = keyof typeof enMore
export type MessageKey = FirstKey | MoreKey

export type Catalogue = Record<MessageKey, string>
/** One language's strings as its two files hold them. */
export interface CatalogueParts {
  first: Record<FirstKey, string>
  more: Record<MoreKey, string>
}

export const CATALOGUE_PARTS: Record<Locale, CatalogueParts> = {
  en: { first: en, more: enMore },
  fi: { first: fi, more: fiMore },
  sv: { first: sv, more: svMore },
}

export const CATALOGUES: Record<Locale, Catalogue> = {
  en: { ...en, ...enMore },
  fi: { ...fi, ...fiMore },
  sv: { ...sv, ...svMore },
}
