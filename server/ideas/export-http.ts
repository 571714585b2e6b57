import type { FastifyReply } from 'fastify'
import { httpErrors } from '../errors.ts'
import { localeFromAcceptLanguage } from '@shared/locale.ts'
import type { Locale } from '@shared/templates/types.ts'

/** HTTP details of the downloads: types, file names, languages, the "changed since" moment. */

export const CONTENT_TYPES = {
  md: 'text/markdown; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
} as const

/** The export's language: asked for, else the browser's (Finnish, Swedish or English). */
export function exportLocale(lang: Locale | undefined, acceptLanguage: string | undefined): Locale {
  return lang ?? localeFromAcceptLanguage(acceptLanguage)
}

/** An ASCII file-name part from a title: "Kevään ideat!" → "kevaan-ideat". */
export function slug(text: string): string {
  const ascii = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
  return (
    ascii
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'export'
  )
}

export function sendDownload(
  reply: FastifyReply,
  format: keyof typeof CONTENT_TYPES,
  baseName: string,
  body: string,
): FastifyReply {
  const date = new Date().toISOString().slice(0, 10)
  return reply
    .type(CONTENT_TYPES[format])
    .header('content-disposition', `attachment; filename="${baseName}-${date}.${format}"`)
    .header('cache-control', 'no-store')
    .send(body)
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/

/** "Changed since" as ms: a date is its UTC midnight; a time needs its zone (Z or ±hh:mm). */
export function parseChangedSince(value: string | undefined): number | null {
  if (value === undefined) return null
  const ms = DATE_ONLY.test(value) ? Date.parse(`${value}T00:00:00Z`) : DATE_TIME.test(value) ? Date.parse(value) : NaN
  const validDate = !Number.isNaN(ms) && (!DATE_ONLY.test(value) || new Date(ms).toISOString().startsWith(value))
  if (!validDate) {
    throw httpErrors.badRequest(
      `querystring/changedSince must be a date (2026-03-01) or a time with its zone (2026-03-01T09:00:00Z); got "${value}"`,
    )
  }
  return ms
}
