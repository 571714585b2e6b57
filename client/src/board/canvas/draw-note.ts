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
}

/**
 * Draws one note (card, shadow, text, editor's border) with the raw 2D context, as one Konva
 * shape: a single save/transform/restore per note instead of one per part, which is what
 * keeps a board of thousands of notes cheap to pan.
 */
export function drawNote(context: CanvasRenderingContext2D, look: NoteLook): void {
  const { width, height } = look
  if (
    look.x > drawBounds.x + drawBounds.width || look.y > drawBounds.y + drawBounds.height ||
    look.x + width < drawBounds.x || look.y + height < drawBounds.y
  ) return
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
}
