import en from './en.json'
import fi from './fi.json'
import type { Locale } from '@shared/templates/types.ts'

/**
 * Every UI string lives in one JSON file per language (flat key → message, `{name}`
 * placeholders), the format translation tools read and write. English is the reference:
 * its keys are the message keys, and the type below makes every other catalogue define them
 * all (test/unit/client/i18n-catalogues.test.ts checks what the type cannot: no extra keys,
 * no empty messages, the same placeholders).
 */
export type MessageKey = keyof typeof en

export type Catalogue = Record<MessageKey, string>

export const CATALOGUES: Record<Locale, Catalogue> = { en, fi }
