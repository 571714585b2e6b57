import { FONT_FAMILY } from '../view/layout.ts'
import { fitText, type FittedText } from '../view/text-fit.ts'

const REFERENCE_SIZE = 100
const MAX_CACHED = 20_000
const widths = new Map<string, number>()
let context: CanvasRenderingContext2D | null = null

/** Width of a string at font size 1 in the notes' font, measured once and cached. */
export function measureUnit(text: string): number {
  const cached = widths.get(text)
  if (cached !== undefined) return cached
  if (!context) {
    context = document.createElement('canvas').getContext('2d')
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
