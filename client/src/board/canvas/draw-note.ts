import type { Identity } from '../../identity/identity.ts'
import { FONT_FAMILY, NOTE_LINE_HEIGHT } from '../view/layout.ts'
import type { Rect } from '../view/geometry.ts'
import { ellipsize } from '../view/level-of-detail.ts'
import { DOTS_DRAWN, hasMarks, markUnit, type MarkBox, type NoteLayout, type NoteMarks } from '../view/note-layout.ts'
import { drawingRecord } from './drawing-record.ts'
import { measureUnit, noteLayout, noteTextInBox } from './measure.ts'

/**
 * The part of the board on screen, updated on every camera change. Notes outside it skip
 * their drawing for that frame: React mounts a margin around the view (so that panning
 * mounts nothing), and this keeps the margin from costing draw time.
 */
export const drawBounds: Rect = { x: -Infinity, y: -Infinity, width: Infinity, height: Infinity }

/** The board draws on a page's canvas; exports draw on an OffscreenCanvas, in a worker. */
export type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D

export interface NoteLook extends NoteMarks {
  /** For the drawing record (tests). */
  id?: string
  /** Board position. */
  x: number
  y: number
  width: number
  height: number
  color: string
  /** The note's text, or null to draw none (under the local text editor). */
  text: string | null
  /** Silent mode: drawn as the back of a card. */
  faceDown: boolean
  /** The first person editing it elsewhere: a coloured border. */
  editor?: Identity | undefined
}

/** Marks smaller than this on screen are not drawn (the note is too small to carry them). */
const MARK_MIN_SCREEN_PX = 7

function onScreen(look: NoteLook, bounds: Rect): boolean {
  return !(
    look.x > bounds.x + bounds.width ||
    look.y > bounds.y + bounds.height ||
    look.x + look.width < bounds.x ||
    look.y + look.height < bounds.y
  )
}

function pill(context: Context2D, rect: Rect, fill: string): void {
  context.fillStyle = fill
  context.beginPath()
  context.roundRect(rect.x, rect.y, rect.width, rect.height, rect.height / 2)
  context.fill()
}

function drawMarks(context: Context2D, layout: NoteLayout): void {
  const { font, padding, dotRadius, dotStep } = layout.pill
  context.textBaseline = 'middle'
  for (const mark of layout.marks) {
    const { rect } = mark
    const middle = rect.y + rect.height / 2
    switch (mark.kind) {
      case 'rank':
      case 'votes':
        pill(context, rect, mark.kind === 'rank' && mark.first ? '#b45309' : 'rgba(28,25,23,0.85)')
        context.fillStyle = '#ffffff'
        context.font = `bold ${font}px ${FONT_FAMILY}`
        context.textAlign = 'center'
        context.fillText(mark.label, rect.x + rect.width / 2, middle)
        context.textAlign = 'left'
        break
      case 'badge': {
        pill(context, rect, 'rgba(28,25,23,0.82)')
        context.fillStyle = '#ffffff'
        context.font = `${font}px ${FONT_FAMILY}`
        const room = rect.width - 2 * padding
        const label =
          measureUnit(mark.label) * font <= room ? mark.label : ellipsize(mark.label, room, font, measureUnit)
        context.fillText(label, rect.x + padding, middle)
        break
      }
      case 'dots': {
        const drawn = mark.count > DOTS_DRAWN ? 1 : mark.count
        let x = rect.x
        if (mark.count > DOTS_DRAWN) {
          context.fillStyle = '#1c1917'
          context.font = `bold ${font}px ${FONT_FAMILY}`
          const label = `${mark.count} ×`
          context.fillText(label, x, middle)
          x += rect.width - 2 * dotRadius
        }
        context.lineWidth = dotRadius / 4
        context.strokeStyle = '#ffffff'
        context.fillStyle = mark.color
        for (let i = 0; i < drawn; i++) {
          context.beginPath()
          context.arc(x + dotRadius + i * dotStep, middle, dotRadius, 0, Math.PI * 2)
          context.fill()
          context.stroke()
        }
        break
      }
    }
  }
}

/**
 * Draws one note (card, shadow, text, marks, editor's border) with the raw 2D context in the
 * note's own coordinates, as one Konva shape or onto an export canvas: a single
 * save/transform/restore per note instead of one per part, which is what keeps a board of
 * thousands of notes cheap to pan. `scale` is the zoom (screen pixels per board unit): what
 * of the text is drawn follows it (view/level-of-detail.ts).
 */
export function drawNote(context: Context2D, look: NoteLook, scale: number, bounds: Rect = drawBounds): void {
  if (!onScreen(look, bounds)) return
  const { width, height } = look
  context.fillStyle = look.color
  if (look.faceDown) {
    context.fillRect(0, 0, width, height)
    context.strokeStyle = 'rgba(0,0,0,0.16)'
    context.lineWidth = 2
    context.beginPath()
    for (let offset = 16; offset < width + height; offset += 16) {
      context.moveTo(Math.max(0, offset - height), Math.min(height, offset))
      context.lineTo(Math.min(width, offset), Math.max(0, offset - width))
    }
    context.stroke()
    if (bounds === drawBounds) record(look, scale, null, null, null)
    return
  }
  context.fillStyle = 'rgba(0,0,0,0.12)'
  context.fillRect(2, 3, width, height)
  context.fillStyle = look.color
  context.fillRect(0, 0, width, height)
  if (look.editor) {
    // Keeps about 3 px on screen, thicker when zoomed out.
    const line = Math.max(3, 3 / scale)
    context.strokeStyle = look.editor.color
    context.lineWidth = line
    context.strokeRect(line / 2, line / 2, width - line, height - line)
  }
  const marked = hasMarks(look)
  if (look.text === null && !marked) return
  const unit = marked ? markUnit(look, scale) : 1
  const layout = noteLayout(width, height, look, unit)
  const shown = look.text === null ? null : noteTextInBox(look.text, layout.textBox, scale)
  if (shown) {
    const lineHeight = shown.fontSize * NOTE_LINE_HEIGHT
    context.fillStyle = '#1c1917'
    context.font = `${shown.fontSize}px ${FONT_FAMILY}`
    context.textBaseline = 'middle'
    const { x, y } = layout.textBox
    for (let i = 0; i < shown.lines.length; i++)
      context.fillText(shown.lines[i] as string, x, y + lineHeight * (i + 0.5))
  }
  const marksShown = marked && layout.pill.height * scale >= MARK_MIN_SCREEN_PX
  if (marksShown) drawMarks(context, layout)
  // Only the live canvas is recorded (not an export drawing the same notes).
  if (bounds === drawBounds) record(look, scale, shown, layout, marksShown ? layout.marks : null)
}

function record(
  look: NoteLook,
  scale: number,
  shown: ReturnType<typeof noteTextInBox>,
  layout: NoteLayout | null,
  marks: readonly MarkBox[] | null,
): void {
  const notes = drawingRecord.notes
  if (!notes || !look.id) return
  const at = (rect: Rect): Rect => ({ ...rect, x: rect.x + look.x, y: rect.y + look.y })
  let textBox: Rect | null = null
  if (shown && layout) {
    const widest = Math.max(0, ...shown.lines.map((line) => measureUnit(line) * shown.fontSize))
    const lineHeight = shown.fontSize * NOTE_LINE_HEIGHT
    textBox = at({ ...layout.textBox, width: widest, height: shown.lines.length * lineHeight })
  }
  notes.set(look.id, {
    scale,
    screenFontPx: shown ? shown.fontSize * scale : 0,
    lines: shown ? [...shown.lines] : [],
    simplified: shown?.simplified ?? false,
    textBox,
    marks: (marks ?? []).map((mark) => ({ kind: mark.kind, rect: at(mark.rect) })),
  })
}
