import { Type, type Static } from '@sinclair/typebox'

/**
 * Bulk import of notes into a board (`POST /api/boards/:id/notes/import`): a plain-text file
 * (one note per non-empty line) or a CSV file (a `text` column; optional `zone`, `color`,
 * `author`). The only definition of its limits and shapes (docs/facilitator-guide.md).
 */

export { IMPORT_MAX_BYTES, IMPORT_MAX_NOTES } from './import-limits.ts'

export const IMPORT_MEDIA_TYPES = ['text/plain', 'text/csv'] as const

/** Colour names a file may use (English and Finnish), besides `#rrggbb`. */
export const IMPORT_COLORS: Readonly<Record<string, string>> = {
  yellow: '#fde68a',
  keltainen: '#fde68a',
  orange: '#fed7aa',
  oranssi: '#fed7aa',
  pink: '#fbcfe8',
  pinkki: '#fbcfe8',
  vaaleanpunainen: '#fbcfe8',
  purple: '#ddd6fe',
  violetti: '#ddd6fe',
  blue: '#bfdbfe',
  sininen: '#bfdbfe',
  teal: '#99f6e4',
  turkoosi: '#99f6e4',
  green: '#bbf7d0',
  vihreä: '#bbf7d0',
  white: '#f5f5f4',
  valkoinen: '#f5f5f4',
}

/** The CSV columns, by the names a header may give them (case and spaces ignored). */
export const IMPORT_COLUMNS = {
  text: ['text', 'teksti', 'note', 'lappu'],
  zone: ['zone', 'alue'],
  color: ['color', 'colour', 'väri'],
  author: ['author', 'kirjoittaja', 'tekijä'],
} as const

export const ImportQuery = Type.Object(
  {
    zone: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description: "The zone's title or id; default: the first open zone",
      }),
    ),
    dryRun: Type.Optional(
      Type.Union([Type.Literal('1'), Type.Literal('true'), Type.Literal('0'), Type.Literal('false')], {
        description: '`1`: answer what would be created, create nothing',
      }),
    ),
  },
  { additionalProperties: false },
)
export type ImportQuery = Static<typeof ImportQuery>

export const ImportedNote = Type.Object({
  /** The new note's id (an import) or null (a dry run). */
  id: Type.Union([Type.String(), Type.Null()]),
  text: Type.String(),
  zone: Type.Union([Type.String(), Type.Null()]),
  zoneTitle: Type.Union([Type.String(), Type.Null()]),
  color: Type.String(),
  author: Type.String(),
  x: Type.Number(),
  y: Type.Number(),
  width: Type.Number(),
  height: Type.Number(),
  /** False when its zone had no free room and the note was laid out below it. */
  inZone: Type.Boolean(),
})
export type ImportedNote = Static<typeof ImportedNote>

export const ImportResult = Type.Object({
  dryRun: Type.Boolean(),
  notes: Type.Array(ImportedNote),
  /** Notes the board would hold after the import, and its limit (BOARD_MAX_NOTES). */
  boardNotes: Type.Integer(),
  maxNotes: Type.Integer(),
})
export type ImportResult = Static<typeof ImportResult>
