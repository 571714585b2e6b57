import { IMPORT_COLORS, IMPORT_COLUMNS, IMPORT_MAX_NOTES } from '@shared/api/import.ts'
import { AUTHOR_NAME_MAX_CHARS, NOTE_TEXT_MAX_CHARS } from '@shared/board/schema.ts'
import { httpErrors } from '../../errors.ts'

/** One note as a file gives it, before it is placed. */
export interface ImportRow {
  /** The line of the file it came from (1-based), for error messages. */
  line: number
  text: string
  zone: string | null
  color: string | null
  author: string | null
}

const HEX_COLOR = /^#(?:[0-9a-fA-F]{3}){1,2}$/
const utf8 = new TextDecoder('utf-8', { fatal: true })

/** The file's text; 400 when it is not UTF-8 (a BOM is dropped). */
export function decodeUtf8(bytes: Uint8Array): string {
  let text: string
  try {
    text = utf8.decode(bytes)
  } catch {
    throw httpErrors.badRequest(
      'The file is not UTF-8 text. Save it as UTF-8 (in Excel: "CSV UTF-8"; in Notepad: encoding UTF-8) and try again.',
    )
  }
  return text.replace(/^\uFEFF/, '')
}

/** A colour name or #rrggbb into #rrggbb; 400 naming the line for anything else. */
export function importColor(value: string, line: number): string {
  const trimmed = value.trim()
  if (HEX_COLOR.test(trimmed)) return trimmed.toLowerCase()
  const named = IMPORT_COLORS[trimmed.toLowerCase()]
  if (named) return named
  const names = [...new Set(Object.keys(IMPORT_COLORS))].join(', ')
  throw httpErrors.badRequest(`line ${line}: unknown colour "${trimmed.slice(0, 40)}" (use #rrggbb or one of ${names})`)
}

function checkText(text: string, line: number): void {
  if (text.length > NOTE_TEXT_MAX_CHARS)
    throw httpErrors.badRequest(`line ${line}: a note's text is limited to ${NOTE_TEXT_MAX_CHARS} characters`)
}

function checkCount(count: number): void {
  if (count > IMPORT_MAX_NOTES)
    throw httpErrors.badRequest(`The file has more than ${IMPORT_MAX_NOTES} notes; split it into smaller files.`)
}

/** Plain text: one note per non-empty line, trimmed. */
export function parsePlain(text: string): ImportRow[] {
  const rows: ImportRow[] = []
  text.split(/\r\n|\n|\r/).forEach((raw, index) => {
    const line = raw.trim()
    if (!line) return
    checkText(line, index + 1)
    rows.push({ line: index + 1, text: line, zone: null, color: null, author: null })
    checkCount(rows.length)
  })
  return rows
}

/**
 * CSV records (RFC 4180: quoted fields may hold separators, quotes doubled, line breaks),
 * each with the line it starts on. The separator is the header line's: `;` when it has more
 * of those than commas (Excel in Finnish writes semicolons), else `,`.
 */
function csvRecords(text: string): Array<{ line: number; fields: string[] }> {
  const firstLine = text.split(/\r\n|\n|\r/, 1)[0] ?? ''
  const separator = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ','
  const records: Array<{ line: number; fields: string[] }> = []
  let fields: string[] = []
  let field = ''
  let quoted = false
  let line = 1
  let recordLine = 1
  let index = 0
  const endRecord = () => {
    fields.push(field)
    records.push({ line: recordLine, fields })
    fields = []
    field = ''
  }
  while (index < text.length) {
    const char = text[index] as string
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"'
        index += 2
        continue
      }
      if (char === '"') quoted = false
      else {
        if (char === '\n') line++
        field += char
      }
      index++
      continue
    }
    if (char === '"' && field === '') quoted = true
    else if (char === separator) {
      fields.push(field)
      field = ''
    } else if (char === '\r' || char === '\n') {
      if (char === '\r' && text[index + 1] === '\n') index++
      endRecord()
      line++
      recordLine = line
    } else field += char
    index++
  }
  if (quoted) throw httpErrors.badRequest(`line ${recordLine}: a quoted field is not closed`)
  if (field !== '' || fields.length > 0) endRecord()
  return records
}

function columnIndex(header: readonly string[], names: readonly string[]): number {
  return header.findIndex((name) => names.includes(name.trim().toLowerCase()))
}

/** CSV with a header: a `text` column, optional `zone`, `color`, `author`; other columns ignored. */
export function parseCsv(text: string): ImportRow[] {
  const records = csvRecords(text)
  const header = records.shift()
  if (!header) throw httpErrors.badRequest('The file is empty.')
  const columns = {
    text: columnIndex(header.fields, IMPORT_COLUMNS.text),
    zone: columnIndex(header.fields, IMPORT_COLUMNS.zone),
    color: columnIndex(header.fields, IMPORT_COLUMNS.color),
    author: columnIndex(header.fields, IMPORT_COLUMNS.author),
  }
  if (columns.text === -1)
    throw httpErrors.badRequest(
      `The CSV file has no "text" column. Its first line names the columns: text (required), zone, color, author.`,
    )
  const cell = (fields: readonly string[], column: number) => (column === -1 ? '' : (fields[column] ?? '').trim())
  const rows: ImportRow[] = []
  for (const { line, fields } of records) {
    const noteText = cell(fields, columns.text)
    if (!noteText) continue
    checkText(noteText, line)
    const author = cell(fields, columns.author)
    if (author.length > AUTHOR_NAME_MAX_CHARS)
      throw httpErrors.badRequest(`line ${line}: an author's name is limited to ${AUTHOR_NAME_MAX_CHARS} characters`)
    const color = cell(fields, columns.color)
    rows.push({
      line,
      text: noteText,
      zone: cell(fields, columns.zone) || null,
      color: color ? importColor(color, line) : null,
      author: author || null,
    })
    checkCount(rows.length)
  }
  return rows
}
