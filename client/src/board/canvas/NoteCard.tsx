import { memo } from 'react'
import { Group, Rect, Text } from 'react-konva'
import type { Identity } from '../../identity/identity.ts'
import { FONT_FAMILY, NOTE_LINE_HEIGHT, NOTE_PADDING } from '../view/layout.ts'
import { fitNoteText } from './measure.ts'

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
  /** Promoted to the idea registry. */
  promoted?: boolean
}

/** One sticky note as Konva shapes: pure props in, nothing listens (hits are computed). */
export const NoteCard = memo(function NoteCard(props: NoteCardProps) {
  const { x, y, width, height, color, text, showText, editors, promoted } = props
  const fitted = showText && text.length > 0 ? fitNoteText(text, width, height) : null
  const maxLines = fitted ? Math.max(1, Math.floor((height - 2 * NOTE_PADDING) / (fitted.fontSize * NOTE_LINE_HEIGHT))) : 0
  const editor = editors?.[0]
  return (
    <Group x={x} y={y} listening={false}>
      {showText && <Rect x={2} y={3} width={width} height={height} fill="rgba(0,0,0,0.12)" cornerRadius={4} perfectDrawEnabled={false} />}
      <Rect
        width={width}
        height={height}
        fill={color}
        cornerRadius={showText ? 4 : 0}
        stroke={editor ? editor.color : undefined}
        strokeWidth={editor ? 3 : 0}
        perfectDrawEnabled={false}
      />
      {fitted && (
        <Text
          x={NOTE_PADDING}
          y={NOTE_PADDING}
          text={fitted.lines.slice(0, maxLines).join('\n')}
          fontSize={fitted.fontSize}
          lineHeight={NOTE_LINE_HEIGHT}
          fontFamily={FONT_FAMILY}
          fill="#1c1917"
          wrap="none"
          perfectDrawEnabled={false}
        />
      )}
      {editor && showText && (
        <Group y={-22}>
          <Rect width={Math.min(width, 8 + editor.name.length * 7.5 + 8)} height={20} fill={editor.color} cornerRadius={3} />
          <Text x={6} y={4} text={`✎ ${editor.name}`} fontSize={12} fontFamily={FONT_FAMILY} fill="#ffffff" wrap="none" />
        </Group>
      )}
      {promoted && showText && (
        <Text x={width - 22} y={height - 22} text="💡" fontSize={14} perfectDrawEnabled={false} />
      )}
    </Group>
  )
})
