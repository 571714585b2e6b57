import { findTemplate } from '@shared/templates/index.ts'
import type { Locale } from '@shared/templates/types.ts'
import { INTL_LOCALES } from '../i18n/index.ts'

/** Dates, times and method names as the registry pages show them. */

const intlLocale = (locale: Locale) => INTL_LOCALES[locale]

export function formatDateTime(ms: number, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'medium', timeStyle: 'short' }).format(ms)
}

export function formatDate(ms: number, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'medium' }).format(ms)
}

/** A calendar date (YYYY-MM-DD, as the experiment's dates are kept) in the reader's words. */
export function formatCalendarDate(date: string, locale: Locale): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!match) return date
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'medium', timeZone: 'UTC' }).format(ms)
}

/** A board's method (its template id) by name; custom or unknown templates by their id. */
export function methodName(templateId: string, locale: Locale): string {
  return findTemplate(templateId)?.name[locale] ?? templateId
}
