import { Rect } from './konva.ts'
import { useStore, useStoreSelector } from '../../lib/use-store.ts'
import { useBoard } from '../board-context.ts'
import type { Viewport } from '../view/viewport.ts'

const CUE_COLOR = '#dc2626'
const scaleOf = (viewport: Viewport) => viewport.scale

/**
 * While dragged notes are over a place they may not be dropped (a zone closed in this
 * phase): that zone's edge in red, dashed, before the drop — the text cue follows the pointer
 * (ui/DropCueLabel).
 */
export function DropCue() {
  const { ui, viewport } = useBoard()
  const cue = useStore(ui.dropCue)
  const scale = useStoreSelector(viewport, scaleOf)
  if (!cue?.zone) return null
  const line = 4 / scale
  return (
    <Rect
      name="drop-cue"
      id={cue.zone.id}
      x={cue.zone.x}
      y={cue.zone.y}
      width={cue.zone.width}
      height={cue.zone.height}
      stroke={CUE_COLOR}
      strokeWidth={line}
      dash={[14 / scale, 8 / scale]}
      fill="rgba(220,38,38,0.08)"
      cornerRadius={10}
      perfectDrawEnabled={false}
      listening={false}
    />
  )
}
