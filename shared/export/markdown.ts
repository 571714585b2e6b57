/** Markdown helpers: text from sticky notes must not turn into headings, lists or HTML. */

/** Backslash-escapes what CommonMark would read as markup, within a line. */
export function escapeInline(text: string): string {
  return text.replace(/[\\`*_[\]<>#|~]/g, (char) => `\\${char}`)
}

/** Escapes a line, including what would start a list, quote or heading at its beginning. */
export function escapeLine(line: string): string {
  const escaped = escapeInline(line)
  return escaped.replace(/^(\s*)([-+=]|\d+[.)])/, (_match, space: string, marker: string) =>
    /^\d/.test(marker) ? `${space}${marker.slice(0, -1)}\\${marker.slice(-1)}` : `${space}\\${marker}`,
  )
}

/**
 * A multi-line text as the body of a list item: lines escaped, continuation lines indented
 * by two spaces and ended with a hard break, so the note keeps its lines.
 */
export function listItemBody(text: string): string {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .trim()
    .split('\n')
    .map((line) => escapeLine(line.trimEnd()))
  return lines.map((line, index) => (index === 0 ? line : line === '' ? '' : `  ${line}`)).join('  \n')
}
