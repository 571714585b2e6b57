import type { CsvSeparator } from '@shared/api/exports.ts'
import type { Locale } from '@shared/templates/types.ts'

/** The API paths of the downloads (no token in them: it goes in a header), and their options. */

export type BoardExportFormat = 'md' | 'csv' | 'json'
export type RegistryExportFormat = 'csv' | 'json'

/**
 * Spreadsheet programs in a Finnish or Swedish locale (Excel above all: the decimal comma)
 * split CSV on semicolons; English ones on commas. The UI language is the best guess of
 * which the user has.
 */
export function defaultSeparator(locale: Locale): CsvSeparator {
  return locale === 'en' ? 'comma' : 'semicolon'
}

export function boardExportPath(
  boardId: string,
  options: { format: BoardExportFormat; lang: Locale; separator: CsvSeparator },
): string {
  const query = new URLSearchParams({ format: options.format, lang: options.lang })
  if (options.format === 'csv') query.set('separator', options.separator)
  return `/api/boards/${encodeURIComponent(boardId)}/export?${query}`
}

export function registryExportPath(options: {
  format: RegistryExportFormat
  lang: Locale
  separator: CsvSeparator
  /** An ISO 8601 moment with its zone (see localMidnightIso), or null for every idea. */
  changedSince: string | null
}): string {
  const query = new URLSearchParams({ format: options.format, lang: options.lang })
  if (options.format === 'csv') query.set('separator', options.separator)
  if (options.changedSince) query.set('changedSince', options.changedSince)
  return `/api/ideas/export?${query}`
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/**
 * The start of a calendar day (YYYY-MM-DD, as a date input gives it) in the user's own time
 * zone, as an ISO moment: "changed since 3 March" in Helsinki means since 00:00 there, not
 * since 02:00 (UTC midnight, which the server assumes for a bare date). Null for a date that
 * does not exist.
 */
export function localMidnightIso(date: string): string | null {
  const match = DATE.exec(date)
  if (!match) return null
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const midnight = new Date(year, month - 1, day)
  if (midnight.getFullYear() !== year || midnight.getMonth() !== month - 1 || midnight.getDate() !== day) return null
  return midnight.toISOString()
}
