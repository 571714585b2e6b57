import type { Identity } from '../../identity/identity.ts'
import { FONT_FAMILY, NOTE_LINE_HEIGHT, NOTE_PADDING } from '../view/layout.ts'
import type { Rect } from '../view/geometry.ts'
import type { FittedText } from '../view/text-fit.ts'

/**
 * The part of the board on screen, updated on every camera change. Notes outside it skip
 * their drawing for that frame: React mounts a margin around the view (so that panning
 * mounts nothing), and this keeps the margin from costing draw time.
 */
export const drawBounds: Rect = { x: -Infinity, y: -Infinity, width: Infinity, height: Infinity }

export interface NoteLook {
  width: number
  height: number
  color: string
  /** Fitted text, or null to draw a plain card (zoomed out, or under the editor). */
  text: FittedText | null
  /** The first person editing it elsewhere: a coloured border. */
  editor: Identity | undefined
  /** Silent mode: drawn as the back of a card. */
  faceDown: boolean
  /** Board position, for the on-screen test. */
  x: number
  y: number
  /** While a vote is open: this user's dots on the note, in their colour. */
  myDots?: { count: number; color: string } | null
  /** Once a vote is closed: the note's dots and place in the ranking. */
  result?: { votes: number; rank: number } | null
  /** The camera's zoom: vote marks keep a readable size on screen when zoomed out. */
  scale?: number
}

/** How much larger than at 100 % the vote marks are drawn: readable zoomed out, never bigger than the note allows. */
function markUnit(look: NoteLook): number {
  const scale = look.scale && look.scale > 0 ? look.scale : 1
  return Math.max(1, Math.min(1 / scale, (Math.min(look.width, look.height) / 160) * 1.6))
}

const DOT_RADIUS = 8
const DOT_STEP = 20
const DOTS_DRAWN = 5
const RANK_RADIUS = 17

/** This user's dots along the bottom right corner (a number beyond five). */
function drawMyDots(
  context: CanvasRenderingContext2D,
  width: number,
  height: number,
  dots: { count: number; color: string },
  u: number,
): void {
  const drawn = dots.count > DOTS_DRAWN ? 1 : dots.count
  const inset = 8 * u + DOT_RADIUS * u
  context.lineWidth = 2 * u
  context.strokeStyle = '#ffffff'
  context.fillStyle = dots.color
  for (let i = 0; i < drawn; i++) {
    context.beginPath()
    context.arc(width - inset - i * DOT_STEP * u, height - inset, DOT_RADIUS * u, 0, Math.PI * 2)
    context.fill()
    context.stroke()
  }
  if (dots.count > DOTS_DRAWN) {
    context.fillStyle = '#1c1917'
    context.font = `bold ${14 * u}px ${FONT_FAMILY}`
    context.textAlign = 'right'
    context.fillText(`${dots.count} ×`, width - inset - DOT_RADIUS * u - 4 * u, height - inset)
    context.textAlign = 'left'
  }
}

/** The result of a closed vote: the place in a circle on the top right corner, the dots bottom right. */
function drawResult(
  context: CanvasRenderingContext2D,
  width: number,
  height: number,
  result: { votes: number; rank: number },
  u: number,
): void {
  context.textBaseline = 'middle'
  context.textAlign = 'center'
  context.beginPath()
  context.arc(width, 0, RANK_RADIUS * u, 0, Math.PI * 2)
  context.fillStyle = result.rank === 1 ? '#b45309' : '#1c1917'
  context.fill()
  context.lineWidth = 2.5 * u
  context.strokeStyle = '#ffffff'
  context.stroke()
  context.fillStyle = '#ffffff'
  context.font = `bold ${16 * u}px ${FONT_FAMILY}`
  context.fillText(String(result.rank), width, u)
  const label = `● ${result.votes}`
  context.font = `bold ${14 * u}px ${FONT_FAMILY}`
  const pillWidth = context.measureText(label).width + 14 * u
  const pillHeight = 22 * u
  context.fillStyle = 'rgba(28,25,23,0.85)'
  context.beginPath()
  const top = height - pillHeight - 6 * u
  context.roundRect(width - pillWidth - 6 * u, top, pillWidth, pillHeight, pillHeight / 2)
  context.fill()
  context.fillStyle = '#ffffff'
  context.fillText(label, width - 6 * u - pillWidth / 2, top + pillHeight / 2 + 0.5 * u)
  context.textAlign = 'left'
}

/**
 * Draws one note (card, shadow, text, editor's border) with the raw 2D context, as one Konva
 * shape: a single save/transform/restore per note instead of one per part, which is what
 * keeps a board of thousands of notes cheap to pan.
 */
export function drawNote(context: CanvasRenderingContext2D, look: NoteLook): void {
  const { width, height } = look
  if (
    look.x > drawBounds.x + drawBounds.width ||
    look.y > drawBounds.y + drawBounds.height ||
    look.x + width < drawBounds.x ||
    look.y + height < drawBounds.y
  )
    return
  if (look.faceDown) {
    context.fillStyle = look.color
    context.fillRect(0, 0, width, height)
    context.strokeStyle = 'rgba(0,0,0,0.16)'
    context.lineWidth = 2
    context.beginPath()
    for (let offset = 16; offset < width + height; offset += 16) {
      context.moveTo(Math.max(0, offset - height), Math.min(height, offset))
      context.lineTo(Math.min(width, offset), Math.max(0, offset - width))
    }
    context.stroke()
    return
  }
  if (!look.text) {
    context.fillStyle = look.color
    context.fillRect(0, 0, width, height)
    if (look.editor) {
      context.strokeStyle = look.editor.color
      context.lineWidth = 6
      context.strokeRect(0, 0, width, height)
    }
    return
  }
  context.fillStyle = 'rgba(0,0,0,0.12)'
  context.fillRect(2, 3, width, height)
  context.fillStyle = look.color
  context.fillRect(0, 0, width, height)
  if (look.editor) {
    context.strokeStyle = look.editor.color
    context.lineWidth = 3
    context.strokeRect(1.5, 1.5, width - 3, height - 3)
  }
  const { fontSize, lines } = look.text
  const lineHeight = fontSize * NOTE_LINE_HEIGHT
  const maxLines = Math.max(1, Math.floor((height - 2 * NOTE_PADDING) / lineHeight))
  context.fillStyle = '#1c1917'
  context.font = `${fontSize}px ${FONT_FAMILY}`
  context.textBaseline = 'middle'
  const count = Math.min(lines.length, maxLines)
  for (let i = 0; i < count; i++) {
    context.fillText(lines[i] as string, NOTE_PADDING, NOTE_PADDING + lineHeight * (i + 0.5))
  }
  if (look.myDots && look.myDots.count > 0) drawMyDots(context, width, height, look.myDots, markUnit(look))
  if (look.result) drawResult(context, width, height, look.result, markUnit(look))
}
