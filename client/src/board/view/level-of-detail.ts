import { NOTE_FONT_MAX, NOTE_LINE_HEIGHT, ZONE_PROMPT_FONT, ZONE_TITLE_FONT, ZONE_TITLE_HEIGHT } from './layout.ts'
import { wrapText, type FittedText, type MeasureText } from './text-fit.ts'
import type { Rect } from './geometry.ts'

/**
 * Level of detail: what of a note's or zone's text is drawn at a given zoom. Text is drawn
 * whenever it can be read on screen; zoomed out, a note shows its first words in a larger
 * font (relative to the note) instead of all of them too small to read. Pure: the caller
 * measures with the real font and caches.
 */

/** A note's whole text is drawn while its font is at least this big on screen; smaller is hard to read. */
export const READABLE_TEXT_PX = 9
/** Zoomed out, a note's first words are drawn about this big on screen… */
export const OVERVIEW_TEXT_PX = 11
/** …and never smaller than this. */
export const OVERVIEW_TEXT_MIN_PX = 10
/** Zone titles are never smaller than this on screen (while the zone is tall enough). */
export const ZONE_TITLE_MIN_PX = 18
/** A line with room for fewer characters than this says nothing: the note is drawn blank. */
const MIN_CHARS_PER_LINE = 6
/** An average character of the UI font is about this wide, in em. */
const AVERAGE_CHAR_EM = 0.52
/** A zone title takes at most this share of its zone's height. */
const ZONE_TITLE_MAX_SHARE = 0.4
/** Simplified font sizes come in steps of 2^(1/4) (≈ 19 %), so that zooming re-wraps rarely. */
const FONT_STEPS_PER_DOUBLING = 4

export interface NoteText extends Pick<FittedText, 'fontSize' | 'lines'> {
  /** Zoomed out: the first words in a larger font, not the whole text. */
  simplified: boolean
}

/**
 * The font size (board units) of the simplified text at this zoom: the step of the ladder
 * nearest to OVERVIEW_TEXT_PX on screen, never below OVERVIEW_TEXT_MIN_PX.
 */
export function simplifiedFontSize(scale: number): number {
  const step = (px: number) => Math.log2(px / scale / NOTE_FONT_MAX) * FONT_STEPS_PER_DOUBLING
  const steps = Math.max(Math.round(step(OVERVIEW_TEXT_PX)), Math.ceil(step(OVERVIEW_TEXT_MIN_PX) - 1e-9))
  return NOTE_FONT_MAX * 2 ** (steps / FONT_STEPS_PER_DOUBLING)
}

/** Whether a box of this inner width can show any words at this zoom (a cheap test before measuring). */
export function canShowText(innerWidth: number, scale: number): boolean {
  return innerWidth * scale >= MIN_CHARS_PER_LINE * AVERAGE_CHAR_EM * OVERVIEW_TEXT_PX
}

/** Cuts a line so that it ends with "…" and fits the width. */
export function ellipsize(line: string, width: number, fontSize: number, measure: MeasureText): string {
  let text = line.trimEnd()
  while (text.length > 0 && measure(`${text}…`) * fontSize > width) {
    const space = text.lastIndexOf(' ')
    text = (space > 0 && text.length - space < 12 ? text.slice(0, space) : text.slice(0, -1)).trimEnd()
  }
  return `${text}…`
}

/**
 * At most `maxLines` of the lines; when some are left out (or the text went on beyond them:
 * `more`), the last one shown ends with "…".
 */
export function clipLines(
  lines: readonly string[],
  maxLines: number,
  width: number,
  fontSize: number,
  measure: MeasureText,
  more = false,
): string[] {
  if (maxLines <= 0) return []
  if (lines.length <= maxLines && !more) return [...lines]
  const kept = lines.slice(0, maxLines)
  kept[kept.length - 1] = ellipsize(kept[kept.length - 1] ?? '', width, fontSize, measure)
  return kept
}

/**
 * The text to draw in a box (board units) at a zoom, or null when none can be read there.
 * `fitted` is the note's own fit (the largest font at which all of it fits, down to a
 * floor): used as it is when that is readable on screen; otherwise the first words in
 * `simplifiedFontSize(scale)`, as many lines as the box holds, the last one ending in "…".
 */
export function noteTextAt(
  text: string,
  box: Pick<Rect, 'width' | 'height'>,
  scale: number,
  fitted: Pick<FittedText, 'fontSize' | 'lines'>,
  measure: MeasureText,
): NoteText | null {
  if (text.trim().length === 0 || !canShowText(box.width, scale)) return null
  if (fitted.fontSize * scale >= READABLE_TEXT_PX) {
    const maxLines = Math.max(1, Math.floor(box.height / (fitted.fontSize * NOTE_LINE_HEIGHT)))
    const lines = clipLines(fitted.lines, maxLines, box.width, fitted.fontSize, measure)
    return { fontSize: fitted.fontSize, lines, simplified: false }
  }
  const fontSize = simplifiedFontSize(scale)
  if (box.width < MIN_CHARS_PER_LINE * AVERAGE_CHAR_EM * fontSize) return null
  const maxLines = Math.floor(box.height / (fontSize * NOTE_LINE_HEIGHT))
  if (maxLines < 1) return null
  // Only the first words can be shown: paragraphs run on, and no more is wrapped than needed.
  const words = text.replace(/\s+/g, ' ').trim().split(' ')
  const wordsPerLine = Math.max(2, Math.ceil(box.width / (fontSize * AVERAGE_CHAR_EM * 2)))
  const shown = words.slice(0, maxLines * wordsPerLine)
  const wrapped = wrapText(shown.join(' '), box.width, fontSize, measure)
  const lines = clipLines(wrapped, maxLines, box.width, fontSize, measure, shown.length < words.length)
  return { fontSize, lines, simplified: true }
}

/** A zone's title: its font and the height of the band it is drawn in (board units). */
export interface ZoneTitleLook {
  fontSize: number
  band: number
  /** Whether the prompt under the title can be read at this zoom. */
  showPrompt: boolean
}

/** Zone titles grow when zoomed out, up to a share of the zone's height, so they stay readable. */
export function zoneTitleAt(zoneHeight: number, scale: number): ZoneTitleLook {
  const wanted = Math.max(ZONE_TITLE_FONT, ZONE_TITLE_MIN_PX / scale)
  const fontSize = Math.max(ZONE_TITLE_FONT, Math.min(wanted, (zoneHeight * ZONE_TITLE_MAX_SHARE) / 1.5))
  const band = Math.max(ZONE_TITLE_HEIGHT, fontSize * 1.5)
  return { fontSize, band, showPrompt: ZONE_PROMPT_FONT * scale >= READABLE_TEXT_PX }
}
