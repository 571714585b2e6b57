import { stringify } from 'csv-stringify/browser/esm/sync'
import type { CsvSeparator } from '../api/exports.ts'

/**
 * CSV as spreadsheet programs read it, from the browser build of csv-stringify (which
 * carries no Node APIs, so this module runs in both): UTF-8 with a byte-order mark so that
 * Excel shows ä and ö, CRLF line ends, every text cell quoted (multi-line notes stay in one
 * cell), and cells that a spreadsheet would run as a formula defused.
 */

export type CsvCell = string | number | null

export const UTF8_BOM = '\uFEFF'

/**
 * Characters that make a spreadsheet treat a cell as a formula (OWASP "CSV injection"):
 * = + - @, and tab or carriage return, which some programs skip before looking for them.
 */
const FORMULA_START = /^[=+\-@\t\r]/

/** Prefixes a text cell that would start a formula with an apostrophe, so it stays text. */
export function defuseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value
}

export function toCsv(
  header: readonly string[],
  rows: readonly (readonly CsvCell[])[],
  separator: CsvSeparator = 'comma',
): string {
  const records = [header, ...rows].map((row) =>
    row.map((cell) => (typeof cell === 'string' ? defuseCell(cell) : (cell ?? ''))),
  )
  return (
    UTF8_BOM +
    stringify(records, {
      delimiter: separator === 'semicolon' ? ';' : ',',
      record_delimiter: 'windows',
      quoted_string: true,
    })
  )
}
