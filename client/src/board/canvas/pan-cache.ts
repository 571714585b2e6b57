import type { Rect } from '../view/geometry.ts'

/** How far beyond the layer's canvas the cache reaches on each side, in device pixels. */
const MARGIN_PX = 256
/** Frames at one zoom with nothing changed but the position before a pan is taken to be going on. */
const STEADY_FRAMES = 2

/** For tests (window.kokeileva.panCopies): frames drawn by a copy, and pictures made. */
export const panCacheCounts = { copies: 0, builds: 0, changed: 0, fractional: 0 }

/** Draws everything in `bounds` (board units) with the context's current transform. */
export type DrawInto = (context: CanvasRenderingContext2D, bounds: Rect) => void

interface Built {
  canvas: HTMLCanvasElement
  /** The transform's scale and translation (device pixels) the picture was drawn for. */
  scale: number
  e: number
  f: number
  /** Where the layer's corner was in the picture (device pixels): more room ahead of the pan than behind. */
  left: number
  top: number
  version: number
}

/**
 * A picture of the notes a little larger than the view, copied instead of drawn while the view
 * only pans: a pan frame then costs one image copy, not every note in view again with its
 * text (which, without a GPU, is most of a pan frame at 33 %). The picture is used only while
 * the zoom and everything drawn (`version`: any change to the notes, the culling, the look)
 * stay the same and the pan moved by whole device pixels, so the copy is pixel for pixel what a
 * draw would give; otherwise, and while zooming, the notes are drawn as before. It is made once
 * a pan has moved the view for a few frames, again when the view leaves it.
 */
export class PanCache {
  #built: Built | null = null
  #last = { scale: 0, e: 0, f: 0, version: -1 }
  #steady = 0

  /**
   * Draws the layer's notes from the picture (making it when a pan is going on); false when
   * the caller must draw them itself. `context` has the layer's transform (the camera).
   */
  draw(context: CanvasRenderingContext2D, version: number, drawInto: DrawInto): boolean {
    const { a: scale, b, c, e, f } = context.getTransform()
    const last = this.#last
    const towards = { x: Math.sign(e - last.e), y: Math.sign(f - last.f) }
    const wholeStep = whole(e - last.e) && whole(f - last.f)
    // The same zoom and drawing as the last frame: only the position may have changed.
    const panned = scale === last.scale && version === last.version && b === 0 && c === 0
    // Frames drawn again where the view stands (a board drawn as it opens, a tooltip, a
    // cursor's layer) are no pan: they neither count towards one nor make a picture (which at
    // a board's first render drew every note once more for nothing).
    const moved = e !== last.e || f !== last.f
    this.#steady = panned ? this.#steady + (moved ? 1 : 0) : 0
    this.#last = { scale, e, f, version }
    if (!panned) {
      panCacheCounts.changed++
      return false
    }
    const width = context.canvas.width
    const height = context.canvas.height
    let built: Built | null = this.#built
    // Usable: drawn for this zoom and drawing, covering the layer, a whole number of pixels
    // away (a copy by a fraction would be resampled, not what a draw gives).
    const usable =
      built !== null &&
      built.version === version &&
      built.scale === scale &&
      covers(built, e, f, width, height) &&
      whole(e - built.e) &&
      whole(f - built.f)
    if (!usable || built === null) {
      if (this.#steady < STEADY_FRAMES || !moved) return false
      // A pan by fractions of a pixel (a trackpad's, or a fractional pixel ratio's) could not
      // use a picture: none is made for it. (After a single such step, say the canvas moved
      // on the page, the next whole steps make one anew.)
      if (!wholeStep) {
        panCacheCounts.fractional++
        return false
      }
      built = this.#build(built?.canvas, scale, e, f, towards, version, width, height, drawInto)
      if (!built) return false
    }
    const dx = Math.round(e - built.e) - built.left
    const dy = Math.round(f - built.f) - built.top
    context.save()
    context.setTransform(1, 0, 0, 1, 0, 0)
    context.drawImage(built.canvas, dx, dy)
    context.restore()
    panCacheCounts.copies++
    return true
  }

  /** Forgets the picture (the layer is gone, or its size changed). */
  clear(): void {
    this.#built = null
  }

  #build(
    reused: HTMLCanvasElement | undefined,
    scale: number,
    e: number,
    f: number,
    towards: { x: number; y: number },
    version: number,
    width: number,
    height: number,
    drawInto: DrawInto,
  ): Built | null {
    const canvas = reused ?? document.createElement('canvas')
    const cacheWidth = width + 2 * MARGIN_PX
    const cacheHeight = height + 2 * MARGIN_PX
    if (canvas.width !== cacheWidth) canvas.width = cacheWidth
    if (canvas.height !== cacheHeight) canvas.height = cacheHeight
    const context = canvas.getContext('2d')
    if (!context) return null
    context.setTransform(1, 0, 0, 1, 0, 0)
    context.clearRect(0, 0, cacheWidth, cacheHeight)
    // Three quarters of the room on the side the view is panning towards (the camera's
    // translation grows as the view moves left or up), so that a pan back and forth over less
    // than the room makes the picture once, not at either end.
    const left = MARGIN_PX + (towards.x * MARGIN_PX) / 2
    const top = MARGIN_PX + (towards.y * MARGIN_PX) / 2
    context.setTransform(scale, 0, 0, scale, e + left, f + top)
    drawInto(context, {
      x: -(e + left) / scale,
      y: -(f + top) / scale,
      width: cacheWidth / scale,
      height: cacheHeight / scale,
    })
    this.#built = { canvas, scale, e, f, left, top, version }
    panCacheCounts.builds++
    return this.#built
  }
}

/** Whether a camera step is by whole device pixels (up to the rounding of the sums that moved it). */
function whole(step: number): boolean {
  return Math.abs(step - Math.round(step)) <= 1e-6
}

/** Whether the picture covers the whole layer, of this size, with the camera at translation (e, f). */
function covers(built: Built, e: number, f: number, width: number, height: number): boolean {
  const dx = e - built.e - built.left
  const dy = f - built.f - built.top
  return (
    built.canvas.width === width + 2 * MARGIN_PX &&
    built.canvas.height === height + 2 * MARGIN_PX &&
    dx <= 0 &&
    dy <= 0 &&
    dx >= -2 * MARGIN_PX &&
    dy >= -2 * MARGIN_PX
  )
}
