import type { BoardExportJson, CsvSeparator, ExportNote } from '../api/exports.ts'
import type { Locale } from '../templates/types.ts'
import { statusLabel } from '../ideas/labels.ts'
import { findTemplate } from '../templates/index.ts'
import { toCsv } from './csv.ts'
import { EXPORT_LABELS, isoSeconds } from './labels.ts'
import { escapeInline, listItemBody } from './markdown.ts'

/** A board as an idea list: Markdown, CSV and JSON, all from boardExportData(). */

function methodName(method: string, locale: Locale): string {
  return findTemplate(method)?.name[locale] ?? method
}

/**
 * Markdown grouped by zone (reading order), notes ordered by votes, promoted notes marked
 * with their idea's ref in bold.
 */
export function boardToMarkdown(data: BoardExportJson, locale: Locale): string {
  const labels = EXPORT_LABELS[locale]
  const out: string[] = [
    `# ${escapeInline(data.board.title.trim() || data.board.id)}`,
    '',
    `${labels.method}: ${escapeInline(methodName(data.board.method, locale))} · ${labels.exported}: ${isoSeconds(data.exportedAt)} · ${labels.notes(data.notes.length)}`,
  ]
  const section = (title: string, notes: readonly ExportNote[]) => {
    out.push('', `## ${escapeInline(title)}`, '')
    if (notes.length === 0) out.push(`_${labels.noNotes}_`)
    for (const note of notes) {
      const marker = note.idea ? `**${note.idea.ref}** ` : ''
      const meta = [
        labels.votes(note.votes),
        note.authorName ? escapeInline(note.authorName) : null,
        note.idea ? `${labels.idea} ${note.idea.ref}: ${statusLabel(note.idea.status, locale)}` : null,
      ]
        .filter((part) => part !== null)
        .join(' · ')
      out.push(`- ${marker}${listItemBody(note.text)}  `, `  _${meta}_`)
    }
  }
  for (const zone of data.zones)
    section(
      zone.title || zone.kind,
      data.notes.filter((note) => note.zone?.id === zone.id),
    )
  const unzoned = data.notes.filter((note) => note.zone === null)
  if (unzoned.length > 0) section(labels.noZone, unzoned)
  return `${out.join('\n')}\n`
}

/** CSV, a row per note: text, zone, colour, votes, author, created, idea ref. */
export function boardToCsv(data: BoardExportJson, locale: Locale, separator: CsvSeparator = 'comma'): string {
  const rows = data.notes.map((note) => [
    note.text,
    note.zone?.title ?? '',
    note.color,
    note.votes,
    note.authorName,
    note.createdAt > 0 ? isoSeconds(note.createdAt) : '',
    note.idea?.ref ?? '',
  ])
  return toCsv(EXPORT_LABELS[locale].boardColumns, rows, separator)
}

export function boardToJson(data: BoardExportJson): string {
  return `${JSON.stringify(data, null, 2)}\n`
}
