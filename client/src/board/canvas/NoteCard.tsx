import type { Context } from 'konva/lib/Context'
import type { Shape as KonvaShape } from 'konva/lib/Shape'
import { memo, useCallback, useMemo } from 'react'
import { Group, Konva, Rect, Shape, Text } from './konva.ts'
import type { Identity } from '../../identity/identity.ts'
import { FONT_FAMILY } from '../view/layout.ts'
import { drawNote, type NoteLook } from './draw-note.ts'

// Konva's newer text rendering measures a glyph on every draw of every text; the classic
// baseline is exact enough for the labels and much cheaper.
Konva.legacyTextRendering = true

export interface NoteCardProps {
  /** The note as drawn: text, marks, face down (see lookOf). */
  look: NoteLook
  /** Draw the text (off under the local text editor). */
  showText: boolean
  /** Others editing this note right now: the first one's name above it. */
  editors?: readonly Identity[] | undefined
  /** Silent mode: in this user's private draft; the label says who sees it. */
  draftLabel?: string | null
}

/**
 * One sticky note: pure props in, one Konva shape out (plus the editing chrome), listening to
 * nothing. The board draws its notes all in one shape (NotesShape); this draws a note that is
 * being dragged or resized, on the overlay layer.
 */
export const NoteCard = memo(function NoteCard({ look, showText, editors, draftLabel = null }: NoteCardProps) {
  const drawn = useMemo(() => (showText ? look : { ...look, text: null }), [look, showText])
  const sceneFunc = useCallback(
    (context: Context, shape: KonvaShape) => drawNote(context._context, drawn, shape.getAbsoluteScale().x),
    [drawn],
  )
  const { x, y, width, height } = look
  const editor = look.faceDown ? undefined : editors?.[0]
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
  if (!(editor && showText) && !draftLabel) return card
  return (
    <>
      {card}
      <NoteChrome box={look} editor={editor} showText={showText} draftLabel={draftLabel} />
    </>
  )
})

export interface NoteChromeProps {
  /** The note's box on the board, and its id (the chrome is found by it: name "note-chrome"). */
  box: { id?: string; x: number; y: number; width: number; height: number }
  /** The first person editing it elsewhere: their name above it. */
  editor?: Identity | undefined
  /** Off under this user's own text editor (the names and the draft's label with it). */
  showText: boolean
  /** Silent mode: in this user's private draft; the label says who sees it. */
  draftLabel?: string | null
}

/** What a note carries besides its card: the name of another who edits it, the draft's dashed border and label. */
export const NoteChrome = memo(function NoteChrome({ box, editor, showText, draftLabel = null }: NoteChromeProps) {
  const { x, y, width, height } = box
  if (!(editor && showText) && !draftLabel) return null
  return (
    <Group x={x} y={y} listening={false} name="note-chrome" id={box.id ?? ''}>
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
      {editor && showText && (
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
    </Group>
  )
})
