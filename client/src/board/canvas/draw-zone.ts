import { FONT_FAMILY, ZONE_PADDING, ZONE_PROMPT_FONT, ZONE_TITLE_FONT } from '../view/layout.ts'
import { clipLines, ellipsize, zoneTitleAt } from '../view/level-of-detail.ts'
import { wrapText } from '../view/text-fit.ts'
import type { Context2D } from './draw-note.ts'
import { drawingRecord } from './drawing-record.ts'
import { measureUnit } from './measure.ts'

/** A zone as drawn: its rectangle, colour and texts (in the reader's language). */
export interface ZoneLook {
  id?: string
  x: number
  y: number
  width: number
  height: number
  color: string
  title: string
  prompt: string
}

/** Whether participants may write in a zone in this phase; null when the phase does not say. */
export type ZoneAccess = 'open' | 'closed' | null

/** What only the live board shows on a zone (never an export). */
export interface ZoneChrome {
  access: ZoneAccess
  /** "Closed in this phase", and the short form for when the title leaves no room for it. */
  accessLabel: string
  accessShort: string
  /** Selected by a facilitator (its title bar), for Delete. */
  selected: boolean
  /** The resize corner, for those who may edit zones. */
  handle: boolean
  /** The title is being edited in place: the editor covers it. */
  hideTitle: boolean
}

const SELECTED_STROKE = '#2563eb'
const BORDER = 'rgba(0,0,0,0.18)'
const ACCESS_FONT = 15
const ACCESS_HEIGHT = 26
/** The open / closed label stays at least this big on screen. */
const ACCESS_MIN_PX = 11
const ACCESS_STYLE = {
  open: { fill: '#15803d', text: '#ffffff', border: '#16a34a' },
  closed: { fill: 'rgba(68,64,60,0.82)', text: '#ffffff', border: 'rgba(0,0,0,0.18)' },
} as const
const PROMPT_LINE_HEIGHT = 1.25
/** Bold text is a little wider than the regular font that measures it. */
const BOLD_WIDTH = 1.08

const promptLines = new Map<string, string[]>()

function wrappedPrompt(prompt: string, width: number): string[] {
  const key = `${width}:${prompt}`
  let lines = promptLines.get(key)
  if (!lines) {
    if (promptLines.size > 500) promptLines.clear()
    lines = wrapText(prompt, width, ZONE_PROMPT_FONT, measureUnit)
    promptLines.set(key, lines)
  }
  return lines
}

/**
 * Draws a zone (titled rectangle, its prompt) in its own coordinates with the raw 2D
 * context, as a Konva shape or onto an export canvas. Zoomed out its title grows to stay
 * readable and the prompt, which could not be read, is left out (view/level-of-detail.ts).
 * `chrome` adds what only the live board shows: open / closed in this phase, the
 * selection, the resize corner.
 */
export function drawZone(context: Context2D, zone: ZoneLook, scale: number, chrome: ZoneChrome | null): void {
  const { width, height } = zone
  const access = chrome?.access ?? null
  const style = access ? ACCESS_STYLE[access] : null
  context.beginPath()
  context.roundRect(0, 0, width, height, 10)
  context.fillStyle = zone.color
  context.fill()
  context.lineWidth = chrome?.selected ? 4 : access === 'open' ? 5 : 2
  context.strokeStyle = chrome?.selected ? SELECTED_STROKE : (style?.border ?? BORDER)
  if (chrome?.selected) context.setLineDash([12, 6])
  context.stroke()
  context.setLineDash([])
  if (access === 'closed') {
    context.fillStyle = 'rgba(120,113,108,0.30)'
    context.fill()
  }

  const title = zoneTitleAt(height, scale)
  const grow = title.fontSize / ZONE_TITLE_FONT
  context.textBaseline = 'middle'
  const room = width - 2 * ZONE_PADDING
  const titleWidth = measureUnit(zone.title) * title.fontSize * BOLD_WIDTH
  let labelWidth = 0
  if (chrome && style) {
    // Readable on screen, but never as large as the title: the title is what one reads first.
    const font = Math.min(ACCESS_FONT * grow, Math.max(ACCESS_FONT, ACCESS_MIN_PX / scale))
    const pill = (ACCESS_HEIGHT / ACCESS_FONT) * font
    const widthOf = (label: string) => Math.ceil(measureUnit(label) * font + (20 / ACCESS_FONT) * font)
    const label = [chrome.accessLabel, chrome.accessShort].find(
      (candidate) => titleWidth + ZONE_PADDING + widthOf(candidate) <= room,
    )
    if (label) {
      labelWidth = widthOf(label)
      const left = width - ZONE_PADDING - labelWidth
      const top = (title.band - pill) / 2
      context.beginPath()
      context.roundRect(left, top, labelWidth, pill, pill / 2)
      context.fillStyle = style.fill
      context.fill()
      context.fillStyle = style.text
      context.font = `${font}px ${FONT_FAMILY}`
      context.fillText(label, left + (10 / ACCESS_FONT) * font, top + pill / 2 + font / ACCESS_FONT)
    }
  }
  const textWidth = Math.max(10, room - (labelWidth > 0 ? labelWidth + ZONE_PADDING : 0))
  const hidden = chrome?.hideTitle ?? false
  if (!hidden && zone.title) {
    context.fillStyle = '#27272a'
    context.font = `bold ${title.fontSize}px ${FONT_FAMILY}`
    const fits = titleWidth <= textWidth
    const text = fits ? zone.title : ellipsize(zone.title, textWidth / BOLD_WIDTH, title.fontSize, measureUnit)
    context.fillText(text, ZONE_PADDING, title.band / 2 + 2 * grow)
  }
  if (title.showPrompt && zone.prompt) {
    const lineHeight = ZONE_PROMPT_FONT * PROMPT_LINE_HEIGHT
    const room = Math.floor((height - title.band - ZONE_PADDING) / lineHeight)
    const lines = clipLines(wrappedPrompt(zone.prompt, textWidth), room, textWidth, ZONE_PROMPT_FONT, measureUnit)
    context.fillStyle = '#52525b'
    context.font = `${ZONE_PROMPT_FONT}px ${FONT_FAMILY}`
    lines.forEach((line, index) => context.fillText(line, ZONE_PADDING, title.band + lineHeight * (index + 0.5)))
  }
  if (chrome?.handle) {
    context.beginPath()
    context.moveTo(width - 22, height - 6)
    context.lineTo(width - 6, height - 22)
    context.moveTo(width - 14, height - 6)
    context.lineTo(width - 6, height - 14)
    context.strokeStyle = 'rgba(0,0,0,0.35)'
    context.lineWidth = 2
    context.stroke()
  }
  if (drawingRecord.zones && zone.id && chrome) {
    drawingRecord.zones.set(zone.id, {
      screenFontPx: hidden ? 0 : title.fontSize * scale,
      title: zone.title,
      access: style ? chrome.accessLabel : '',
    })
  }
}
