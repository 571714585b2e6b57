import type { CsvSeparator, RegistryExportJson } from '../api/exports.ts'
import type { HistoryEntry, Idea } from '../api/ideas.ts'
import type { Locale } from '../templates/types.ts'
import { statusLabel } from '../ideas/labels.ts'
import { toCsv } from './csv.ts'
import { EXPORT_LABELS, isoSeconds } from './labels.ts'

/** The registry as CSV (a row per idea, every field) and JSON (the ideas as the API has them). */

function historyValue(value: HistoryEntry['to']): string {
  if (value === null) return '–'
  return Array.isArray(value) ? value.join(', ') : value
}

function oneLine(text: string): string {
  return text.replace(/\r\n?|\n/g, ' ')
}

/** One history entry as a line: when, who, what changed, and why. */
export function historyLine(entry: HistoryEntry, locale: Locale): string {
  const labels = EXPORT_LABELS[locale]
  const who = entry.by.role === 'hub' ? labels.hub : labels.facilitator(entry.by.boardTitle)
  const what =
    entry.field === 'created'
      ? labels.created
      : entry.field === 'comment'
        ? labels.remark
        : entry.field === 'linked'
          ? labels.linked(Array.isArray(entry.to) ? entry.to.length : 0)
          : `${entry.field}: ${historyValue(entry.from)} → ${historyValue(entry.to)}`
  const why = entry.comment ? ` — ${entry.comment}` : ''
  return `${isoSeconds(entry.at)} ${who}: ${what}${why}`
}

/**
 * Every field of every idea; lists (tags, note ids, zones) joined with "; ", the frozen
 * notes (linked ones after their board's title) and the history one per line in their cell. `refOf` names merge targets by ref.
 */
export function registryToCsv(
  ideas: readonly Idea[],
  {
    locale,
    separator = 'comma',
    refOf = () => undefined,
  }: { locale: Locale; separator?: CsvSeparator; refOf?: (id: string) => string | undefined },
): string {
  const rows = ideas.map((idea) => {
    const experiment = idea.experiment
    return [
      idea.ref,
      idea.id,
      idea.title,
      idea.description,
      statusLabel(idea.status, locale),
      idea.department ?? '',
      idea.tags.join('; '),
      idea.votes,
      idea.source.boardId,
      idea.source.boardTitle,
      idea.source.method,
      idea.source.noteIds.join('; '),
      idea.source.zones.map((zone) => zone.title).join('; '),
      idea.source.notes.map((note) => oneLine(note.text)).join('\n'),
      idea.links.flatMap((link) => link.notes.map((note) => `${link.boardTitle}: ${oneLine(note.text)}`)).join('\n'),
      experiment?.hypothesis ?? '',
      experiment?.metric ?? '',
      experiment?.owner ?? '',
      experiment?.startsOn ?? '',
      experiment?.endsOn ?? '',
      experiment?.result ?? '',
      experiment?.decision ?? '',
      idea.mergedInto ? (refOf(idea.mergedInto) ?? idea.mergedInto) : '',
      isoSeconds(idea.createdAt),
      isoSeconds(idea.updatedAt),
      idea.history.map((entry) => historyLine(entry, locale)).join('\n'),
    ]
  })
  return toCsv(EXPORT_LABELS[locale].registryColumns, rows, separator)
}

export function registryToJson(ideas: readonly Idea[], exportedAt: number, changedSince: number | null): string {
  const body: RegistryExportJson = { exportedAt, changedSince, items: [...ideas] }
  return `${JSON.stringify(body, null, 2)}\n`
}
