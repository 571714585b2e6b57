import { FONT_FAMILY, NOTE_FONT_MAX, NOTE_PADDING } from '../view/layout.ts'
import {
  canShowText,
  noteTextAt,
  READABLE_TEXT_PX,
  simplifiedFontSize,
  type NoteText,
} from '../view/level-of-detail.ts'
import type { Rect } from '../view/geometry.ts'
import { hasMarks, layoutNote, type NoteLayout, type NoteMarks } from '../view/note-layout.ts'
import { fitText, type FittedText } from '../view/text-fit.ts'

const REFERENCE_SIZE = 100
const MAX_CACHED = 20_000
const widths = new Map<string, number>()
let context: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null = null

/** Width of a string at font size 1 in the notes' font, measured once and cached. */
export function measureUnit(text: string): number {
  const cached = widths.get(text)
  if (cached !== undefined) return cached
  if (!context) {
    // In a worker (an export) there is no document: an OffscreenCanvas measures the same.
    context =
      typeof document === 'undefined'
        ? new OffscreenCanvas(1, 1).getContext('2d')
        : document.createElement('canvas').getContext('2d')
    if (context) context.font = `${REFERENCE_SIZE}px ${FONT_FAMILY}`
  }
  const width = context ? context.measureText(text).width / REFERENCE_SIZE : text.length * 0.55
  if (widths.size > MAX_CACHED) widths.clear()
  widths.set(text, width)
  return width
}

const fits = new Map<string, FittedText>()

/** fitText with the browser's measurements, cached by text and size. */
export function fitNoteText(text: string, width: number, height: number): FittedText {
  const key = `${width}x${height}:${text}`
  const cached = fits.get(key)
  if (cached) return cached
  const fitted = fitText(text, width, height, measureUnit)
  if (fits.size > MAX_CACHED / 4) fits.clear()
  fits.set(key, fitted)
  return fitted
}

const texts = new Map<string, NoteText | null>()
/** Stands for a fit whose font is too small to read at any zoom it is used at. */
const UNREADABLE: FittedText = { fontSize: 0, lines: [], neededHeight: 0 }

/**
 * The text a note shows in its text box at a zoom (see noteTextAt), cached: by the box and
 * text, and by the simplified font size, which changes in steps while zooming.
 */
export function noteTextInBox(text: string, box: Rect, scale: number): NoteText | null {
  if (!canShowText(box.width, scale)) return null
  // Zoomed out so far that even the largest font is too small, the whole text is not fitted
  // at all (the costly part for notes coming into view): only its first words are drawn.
  const fitted =
    NOTE_FONT_MAX * scale >= READABLE_TEXT_PX
      ? fitNoteText(text, box.width + 2 * NOTE_PADDING, box.height + 2 * NOTE_PADDING)
      : UNREADABLE
  const mode = fitted.fontSize * scale >= READABLE_TEXT_PX ? 'fit' : simplifiedFontSize(scale).toFixed(2)
  const key = `${box.width}x${box.height}:${mode}:${text}`
  const cached = texts.get(key)
  if (cached !== undefined) return cached
  const shown = noteTextAt(text, box, scale, fitted, measureUnit)
  if (texts.size > MAX_CACHED / 4) texts.clear()
  texts.set(key, shown)
  return shown
}

const layouts = new Map<string, NoteLayout>()

/** layoutNote with the browser's measurements; notes without marks share one plain layout per size. */
export function noteLayout(width: number, height: number, marks: NoteMarks, unit: number): NoteLayout {
  const marked = hasMarks(marks)
  const key = marked
    ? `${width}x${height}@${unit.toFixed(3)}:${marks.badge ?? ''}|${marks.result?.rank ?? ''}|${marks.result?.votes ?? ''}|${marks.myDots?.count ?? ''}|${marks.myDots?.color ?? ''}`
    : `${width}x${height}`
  const cached = layouts.get(key)
  if (cached) return cached
  const layout = layoutNote({ width, height }, marked ? marks : {}, unit, measureUnit)
  if (layouts.size > MAX_CACHED / 4) layouts.clear()
  layouts.set(key, layout)
  return layout
}
