import type { Context } from 'konva/lib/Context'
import { useCallback } from 'react'
import { Shape } from './konva.ts'
import type { Shape as KonvaShape } from 'konva/lib/Shape'
import { useStore } from '../../lib/use-store.ts'
import { useBoard } from '../board-context.ts'
import { drawBounds } from './draw-note.ts'

/** Room between the spotlit rectangle and the edge of the light, on screen. */
const GAP_SCREEN_PX = 10
const RING_COLOR = '#f59e0b'

/**
 * The spotlight: everything but the spotlit note or zone is dimmed, and a ring marks it.
 * One shape on the overlay layer, drawn only while a spotlight is active; it takes no input.
 */
export function SpotlightMask() {
  const { spotlight } = useBoard()
  const active = useStore(spotlight.active)
  // Read at draw time (the camera moves the stage without rendering React): the dimmed area
  // is the part of the board on screen, and the ring keeps its width on screen.
  const sceneFunc = useCallback(
    (konvaContext: Context, shape: KonvaShape) => {
      if (!active) return
      const context = konvaContext._context
      const scale = shape.getAbsoluteScale().x || 1
      const gap = GAP_SCREEN_PX / scale
      const { x, y, width, height } = active.rect
      context.beginPath()
      context.rect(drawBounds.x - 10, drawBounds.y - 10, drawBounds.width + 20, drawBounds.height + 20)
      context.roundRect(x - gap, y - gap, width + 2 * gap, height + 2 * gap, 8 / scale)
      context.fillStyle = 'rgba(28,25,23,0.38)'
      context.fill('evenodd')
      context.beginPath()
      context.roundRect(x - gap, y - gap, width + 2 * gap, height + 2 * gap, 8 / scale)
      context.lineWidth = 4 / scale
      context.strokeStyle = RING_COLOR
      context.stroke()
    },
    [active],
  )
  if (!active) return null
  return <Shape sceneFunc={sceneFunc} listening={false} perfectDrawEnabled={false} />
}
