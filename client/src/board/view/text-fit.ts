import { NOTE_FONT_MAX, NOTE_FONT_MIN, NOTE_LINE_HEIGHT, NOTE_PADDING } from './layout.ts'

/** Width of a string at font size 1 (widths scale linearly with the font size). */
export type MeasureText = (text: string) => number

export interface FittedText {
  fontSize: number
  lines: string[]
  /** The note height this text needs at the chosen size (more than the note has: grow it). */
  neededHeight: number
}

/** Breaks text into lines no wider than `width`, at spaces, and inside words that are too long. */
export function wrapText(text: string, width: number, fontSize: number, measure: MeasureText): string[] {
  return wrap(text, width, fontSize, measure).lines
}

function wrap(
  text: string,
  width: number,
  fontSize: number,
  measure: MeasureText,
): { lines: string[]; brokeWord: boolean } {
  const lines: string[] = []
  let brokeWord = false
  const space = measure(' ') * fontSize
  for (const paragraph of text.split('\n')) {
    let line = ''
    let lineWidth = 0
    for (const word of paragraph.split(' ')) {
      const wordWidth = measure(word) * fontSize
      if (line.length > 0 && lineWidth + space + wordWidth <= width) {
        line += ' ' + word
        lineWidth += space + wordWidth
        continue
      }
      if (line.length > 0) lines.push(line)
      if (wordWidth <= width) {
        line = word
        lineWidth = wordWidth
        continue
      }
      // A word wider than the note: cut it where it overflows.
      brokeWord = true
      let piece = ''
      for (const char of word) {
        if (piece.length > 0 && measure(piece + char) * fontSize > width) {
          lines.push(piece)
          piece = ''
        }
        piece += char
      }
      line = piece
      lineWidth = measure(piece) * fontSize
    }
    lines.push(line)
  }
  return { lines, brokeWord }
}

/**
 * The largest font size (down to a floor) at which the text fits the note without cutting a
 * word; at the floor, the height the note must grow to. Pure: the caller measures with the
 * real font.
 */
export function fitText(text: string, width: number, height: number, measure: MeasureText): FittedText {
  const innerWidth = Math.max(1, width - 2 * NOTE_PADDING)
  const innerHeight = Math.max(1, height - 2 * NOTE_PADDING)
  let fontSize = NOTE_FONT_MAX
  let result = wrap(text, innerWidth, fontSize, measure)
  while (
    fontSize > NOTE_FONT_MIN &&
    (result.brokeWord || result.lines.length * fontSize * NOTE_LINE_HEIGHT > innerHeight)
  ) {
    fontSize -= 1
    result = wrap(text, innerWidth, fontSize, measure)
  }
  const { lines } = result
  return { fontSize, lines, neededHeight: Math.ceil(lines.length * fontSize * NOTE_LINE_HEIGHT + 2 * NOTE_PADDING) }
}
