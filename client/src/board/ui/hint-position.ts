import type { Point, Size } from '../view/geometry.ts'

/** Room kept between the hint and the canvas's edges, px. */
const EDGE_MARGIN = 8

/**
 * Where the empty board's hint is centred, in canvas pixels: in the middle of the part of the
 * zone new notes go to that is on screen (the zone's middle when none of it is), then moved
 * just enough to lie wholly on the canvas — a short zone near the top of the canvas would
 * otherwise leave the hint's first line under the phase bar. A hint larger than the canvas is
 * centred on it. `hint` is the hint's measured size (zero before it is first measured).
 */
export function hintCenter(zoneTopLeft: Point, zoneBottomRight: Point, hint: Size, canvas: Size): Point {
  const left = Math.max(zoneTopLeft.x, 0)
  const right = Math.min(zoneBottomRight.x, canvas.width)
  const top = Math.max(zoneTopLeft.y, 0)
  const bottom = Math.min(zoneBottomRight.y, canvas.height)
  const center =
    left < right && top < bottom
      ? { x: (left + right) / 2, y: (top + bottom) / 2 }
      : { x: (zoneTopLeft.x + zoneBottomRight.x) / 2, y: (zoneTopLeft.y + zoneBottomRight.y) / 2 }
  return { x: within(center.x, hint.width, canvas.width), y: within(center.y, hint.height, canvas.height) }
}

/** A centre coordinate moved so that a span of `span` around it lies in [0, extent]. */
function within(center: number, span: number, extent: number): number {
  const half = span / 2 + EDGE_MARGIN
  if (extent < 2 * half) return extent / 2
  return Math.min(Math.max(center, half), extent - half)
}
