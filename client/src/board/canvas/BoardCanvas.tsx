import type { Stage as KonvaStage } from 'konva/lib/Stage'
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react'
import { Stage } from './konva.ts'
import { useStore } from '../../lib/use-store.ts'
import { useT } from '../../i18n/use-t.ts'
import { useBoard } from '../board-context.ts'
import { attachKeyboard } from '../input/keyboard.ts'
import { attachClipboard } from '../input/clipboard-events.ts'
import { PointerController } from '../input/pointer-controller.ts'
import { attachZoneTitleClicks } from '../input/zone-title-click.ts'
import { NotesLayer } from './NotesLayer.tsx'
import { OverlayLayer } from './OverlayLayer.tsx'
import { ZonesLayer } from './ZonesLayer.tsx'
import { drawBounds } from './draw-note.ts'
import { CANVAS_ID } from '../ui/SkipLink.tsx'

/**
 * The canvas: three Konva layers (zones, notes, overlay), none listening — pointer input is
 * read by the PointerController from the container and hit-tested against the data. The
 * camera is applied to the stage directly, so panning re-renders no React component.
 * `children` are HTML overlays positioned over the canvas (editor, cursors, tooltip).
 */
export function BoardCanvas({ children }: { children?: ReactNode }) {
  const board = useBoard()
  const { viewport, ui } = board
  const { t } = useT()
  const container = useRef<HTMLDivElement>(null)
  const stage = useRef<KonvaStage>(null)
  const size = useStore(viewport.size)
  // The stage is created at the container's real size (resizing its canvases costs a frame).
  const [measured, setMeasured] = useState(false)
  const panMode = useStore(ui.panMode)
  const panning = useStore(ui.panning)

  useLayoutEffect(() => {
    const element = container.current
    if (!element) return
    let placed: DOMRect | null = null
    const measure = () => {
      const before = viewport.get()
      viewport.size.set({ width: element.clientWidth, height: element.clientHeight })
      // When something above the canvas grows or shrinks (a phase's instructions, a wrapped
      // toolbar), the board stays where it was on the page: what the pointer is over does not
      // jump under it. Unless the new size made someone place the view anew (a follower fits
      // the leader's view; the opening view is fitted again).
      const rect = element.getBoundingClientRect()
      if (placed && viewport.get() === before) {
        const dx = rect.left - placed.left
        const dy = rect.top - placed.top
        if (dx !== 0 || dy !== 0) viewport.panBy(-dx, -dy)
      }
      placed = rect
    }
    measure()
    setMeasured(true)
    const observer = new ResizeObserver(measure)
    observer.observe(element)
    return () => observer.disconnect()
  }, [viewport])

  useLayoutEffect(() => {
    const apply = () => {
      const node = stage.current
      if (!node) return
      const { x, y, scale } = viewport.get()
      Object.assign(drawBounds, viewport.visibleRect())
      node.setAttrs({ x, y, scaleX: scale, scaleY: scale })
      node.batchDraw()
    }
    board.stage.current = stage.current
    apply()
    const offView = viewport.subscribe(apply)
    const offSize = viewport.size.subscribe(apply)
    return () => {
      offView()
      offSize()
    }
  }, [viewport, board, measured])

  useEffect(() => {
    const element = container.current
    if (!element) return
    const pointer = new PointerController(board)
    const detachPointer = pointer.attach(element)
    const detachKeyboard = attachKeyboard(element, board.ui, board.commands, board.find)
    const detachClipboard = attachClipboard(board.ui, board.commands)
    const detachTitleClicks = attachZoneTitleClicks(element, board)
    return () => {
      detachPointer()
      detachKeyboard()
      detachClipboard()
      detachTitleClicks()
    }
  }, [board])

  return (
    <div
      ref={container}
      id={CANVAS_ID}
      className={`board-canvas${panMode ? ' pan-mode' : ''}${panning ? ' panning' : ''}`}
      tabIndex={0}
      role="application"
      aria-label={t('canvas.label')}
      aria-describedby="board-canvas-help"
      data-testid="board-canvas"
    >
      <p id="board-canvas-help" className="visually-hidden">
        {t('canvas.help')}
      </p>
      {measured && (
        <Stage ref={stage} width={size.width} height={size.height} listening={false}>
          <ZonesLayer />
          <NotesLayer />
          <OverlayLayer />
        </Stage>
      )}
      {children}
    </div>
  )
}
