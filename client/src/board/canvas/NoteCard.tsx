import Konva from 'konva'
import type { Context } from 'konva/lib/Context'
import type { Shape as KonvaShape } from 'konva/lib/Shape'
import { memo, useCallback } from 'react'
import { Group, Rect, Shape, Text } from 'react-konva'
import type { Identity } from '../../identity/identity.ts'
import { FONT_FAMILY } from '../view/layout.ts'
import { drawNote } from './draw-note.ts'
import { fitNoteText, measureUnit } from './measure.ts'

const BADGE_FONT = 10

// Konva's newer text rendering measures a glyph on every draw of every text; the classic
// baseline is exact enough for notes and much cheaper with thousands of them.
Konva.legacyTextRendering = true

export interface NoteCardProps {
  x: number
  y: number
  width: number
  height: number
  color: string
  text: string
  /** Draw the text (off when zoomed far out, and under the local text editor). */
  showText: boolean
  /** Others editing this note right now. */
  editors?: readonly Identity[] | undefined
  /** Promoted to the idea registry: its ref and status, shown as a badge. */
  badge?: string | null
  /** Silent mode: someone else's note, shown without its text until the reveal. */
  faceDown?: boolean
  /** While a vote is open: this user's dots on it. */
  myDots?: { count: number; color: string } | null
  /** After a vote: its dots and place. */
  result?: { votes: number; rank: number } | null
  /** Silent mode: in this user's private draft; the label says who sees it. */
  draftLabel?: string | null
}

/** One sticky note: pure props in, one Konva shape out, listening to nothing. */
export const NoteCard = memo(function NoteCard(props: NoteCardProps) {
  const {
    x,
    y,
    width,
    height,
    color,
    text,
    showText,
    editors,
    badge,
    faceDown = false,
    myDots = null,
    result = null,
    draftLabel = null,
  } = props
  const fitted = showText && !faceDown ? fitNoteText(text, width, height) : null
  const editor = editors?.[0]
  const sceneFunc = useCallback(
    (context: Context, shape: KonvaShape) =>
      drawNote(context._context, {
        x,
        y,
        width,
        height,
        color,
        text: fitted,
        editor,
        faceDown,
        myDots,
        result,
        scale: shape.getAbsoluteScale().x,
      }),
    [x, y, width, height, color, fitted, editor, faceDown, myDots, result],
  )
  const card = (
    <Shape
      x={x}
      y={y}
      width={width}
      height={height}
      sceneFunc={sceneFunc}
      listening={false}
      perfectDrawEnabled={false}
    />
  )
  if (!(editor && showText) && !(badge && showText && !faceDown) && !draftLabel) return card
  return (
    <>
      {card}
      <Group x={x} y={y} listening={false}>
        {draftLabel && (
          <>
            <Rect
              x={-3}
              y={-3}
              width={width + 6}
              height={height + 6}
              stroke="#57534e"
              strokeWidth={1.5}
              dash={[6, 4]}
              cornerRadius={4}
            />
            {showText && (
              <Text
                y={height + 6}
                width={Math.max(width, 220)}
                text={draftLabel}
                fontSize={11}
                fontFamily={FONT_FAMILY}
                fill="#57534e"
                wrap="none"
                ellipsis
              />
            )}
          </>
        )}
        {editor && (
          <Group y={-22}>
            <Rect
              width={Math.min(width, 8 + editor.name.length * 7.5 + 8)}
              height={20}
              fill={editor.color}
              cornerRadius={3}
            />
            <Text
              x={6}
              y={4}
              text={`✎ ${editor.name}`}
              fontSize={12}
              fontFamily={FONT_FAMILY}
              fill="#ffffff"
              wrap="none"
            />
          </Group>
        )}
        {badge && !faceDown && (
          <Group x={5} y={height - 22}>
            <Rect
              width={Math.min(width - 10, measureUnit(badge) * BADGE_FONT + 14)}
              height={17}
              fill="rgba(28,25,23,0.82)"
              cornerRadius={8}
            />
            <Text
              x={7}
              y={3.5}
              width={Math.min(width - 10, measureUnit(badge) * BADGE_FONT + 14) - 12}
              text={badge}
              fontSize={BADGE_FONT}
              fontFamily={FONT_FAMILY}
              fill="#ffffff"
              wrap="none"
              ellipsis
            />
          </Group>
        )}
      </Group>
    </>
  )
})
