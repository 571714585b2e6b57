import { Store } from '../../lib/store.ts'
import type { Point, Rect, Size } from './geometry.ts'

/** The camera: a board point p appears on screen at p * scale + (x, y). */
export interface Viewport {
  x: number
  y: number
  scale: number
}

export const MIN_SCALE = 0.1
export const MAX_SCALE = 4

export function clampScale(scale: number): number {
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale))
}

export function screenToBoard(viewport: Viewport, point: Point): Point {
  return { x: (point.x - viewport.x) / viewport.scale, y: (point.y - viewport.y) / viewport.scale }
}

export function boardToScreen(viewport: Viewport, point: Point): Point {
  return { x: point.x * viewport.scale + viewport.x, y: point.y * viewport.scale + viewport.y }
}

/** Zooms by `factor` keeping the board point under `anchor` (a screen point) where it is. */
export function zoomAt(viewport: Viewport, anchor: Point, factor: number): Viewport {
  const scale = clampScale(viewport.scale * factor)
  const board = screenToBoard(viewport, anchor)
  return { scale, x: anchor.x - board.x * scale, y: anchor.y - board.y * scale }
}

export function panBy(viewport: Viewport, dx: number, dy: number): Viewport {
  return { ...viewport, x: viewport.x + dx, y: viewport.y + dy }
}

/** The part of the board the screen shows. */
export function visibleBoardRect(viewport: Viewport, size: Size): Rect {
  return {
    x: -viewport.x / viewport.scale,
    y: -viewport.y / viewport.scale,
    width: size.width / viewport.scale,
    height: size.height / viewport.scale,
  }
}

/** The viewport that shows `rect` whole and centred, with a margin, at most at `maxScale`. */
export function fitRect(rect: Rect, size: Size, { margin = 40, maxScale = 1 } = {}): Viewport {
  const width = Math.max(1, size.width - 2 * margin)
  const height = Math.max(1, size.height - 2 * margin)
  const scale = clampScale(Math.min(maxScale, width / Math.max(1, rect.width), height / Math.max(1, rect.height)))
  return {
    scale,
    x: size.width / 2 - (rect.x + rect.width / 2) * scale,
    y: size.height / 2 - (rect.y + rect.height / 2) * scale,
  }
}

/** Centres the view on a board point, keeping the zoom. */
export function centerOn(viewport: Viewport, point: Point, size: Size): Viewport {
  return { ...viewport, x: size.width / 2 - point.x * viewport.scale, y: size.height / 2 - point.y * viewport.scale }
}

/** The camera and the size of the canvas on screen. */
export class ViewportStore extends Store<Viewport> {
  readonly size = new Store<Size>({ width: 800, height: 600 }, (a, b) => a.width === b.width && a.height === b.height)

  constructor(initial: Viewport = { x: 0, y: 0, scale: 1 }) {
    super(initial, (a, b) => a.x === b.x && a.y === b.y && a.scale === b.scale)
  }

  visibleRect(): Rect {
    return visibleBoardRect(this.get(), this.size.get())
  }

  zoomAtScreen(anchor: Point, factor: number): void {
    this.set(zoomAt(this.get(), anchor, factor))
  }

  zoomAtCenter(factor: number): void {
    const { width, height } = this.size.get()
    this.zoomAtScreen({ x: width / 2, y: height / 2 }, factor)
  }

  panBy(dx: number, dy: number): void {
    this.set(panBy(this.get(), dx, dy))
  }

  fit(rect: Rect | null): void {
    if (!rect) this.set({ x: this.size.get().width / 2, y: this.size.get().height / 2, scale: 1 })
    else this.set(fitRect(rect, this.size.get()))
  }
}
