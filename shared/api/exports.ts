import { Type, type Static } from '@sinclair/typebox'
import { Idea, IdeaStatus } from './ideas.ts'

/** Exports: a board as an idea list, and the registry. */

export const ExportLang = Type.Union([Type.Literal('fi'), Type.Literal('en'), Type.Literal('sv')])
/** Spreadsheet programs in a Finnish locale expect semicolons; RFC 4180 has commas. */
export const CsvSeparator = Type.Union([Type.Literal('comma'), Type.Literal('semicolon')])
export type CsvSeparator = Static<typeof CsvSeparator>

export const BoardExportQuery = Type.Object(
  {
    format: Type.Union([Type.Literal('md'), Type.Literal('csv'), Type.Literal('json')]),
    /** Language of headings and column names; default from Accept-Language. */
    lang: Type.Optional(ExportLang),
    separator: Type.Optional(CsvSeparator),
  },
  { additionalProperties: false },
)
export type BoardExportQuery = Static<typeof BoardExportQuery>

export const RegistryExportQuery = Type.Object(
  {
    format: Type.Union([Type.Literal('csv'), Type.Literal('json')]),
    /** Only ideas changed at or after this moment: YYYY-MM-DD (UTC midnight) or ISO 8601. */
    changedSince: Type.Optional(Type.String({ minLength: 10, maxLength: 40 })),
    lang: Type.Optional(ExportLang),
    separator: Type.Optional(CsvSeparator),
  },
  { additionalProperties: false },
)
export type RegistryExportQuery = Static<typeof RegistryExportQuery>

export const ExportZone = Type.Object({ id: Type.String(), title: Type.String(), kind: Type.String() })
export type ExportZone = Static<typeof ExportZone>

export const ExportNote = Type.Object({
  id: Type.String(),
  text: Type.String(),
  zone: Type.Union([ExportZone, Type.Null()]),
  color: Type.String(),
  votes: Type.Integer(),
  authorName: Type.String(),
  createdAt: Type.Number(),
  /** The idea the note was promoted into, if any. */
  idea: Type.Union([Type.Object({ id: Type.String(), ref: Type.String(), status: IdeaStatus }), Type.Null()]),
})
export type ExportNote = Static<typeof ExportNote>

/**
 * A board as JSON. Notes come in reading order: zone by zone (the template's order, then
 * top to bottom, left to right), notes without a zone last, most votes first within each.
 */
export const BoardExportJson = Type.Object({
  board: Type.Object({ id: Type.String(), title: Type.String(), method: Type.String(), createdAt: Type.Number() }),
  exportedAt: Type.Number(),
  zones: Type.Array(ExportZone),
  notes: Type.Array(ExportNote),
})
export type BoardExportJson = Static<typeof BoardExportJson>

export const RegistryExportJson = Type.Object({
  exportedAt: Type.Number(),
  changedSince: Type.Union([Type.Number(), Type.Null()]),
  items: Type.Array(Idea),
})
export type RegistryExportJson = Static<typeof RegistryExportJson>
