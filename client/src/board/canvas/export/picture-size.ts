import type { Size } from '../../view/geometry.ts'

/** Pixels per board unit of an exported picture: every note's text readable, twice what 100 % shows. */
export const PICTURE_SCALE = 2
/** Browsers refuse (or fail silently on) canvases with a side longer than this. */
export const MAX_PICTURE_SIDE_PX = 16_384
/**
 * A picture larger than this (RGBA in memory: 4 bytes a pixel, and once more while it is
 * encoded) would strain a laptop's browser: a bigger board is drawn at a lower scale.
 */
export const MAX_PICTURE_PIXELS = 40_000_000
/** Blank board around the content of a whole-board picture (board units). */
export const PICTURE_MARGIN = 40

/**
 * The scale (pixels per board unit) to draw an area at: PICTURE_SCALE, lowered only as far
 * as the side and pixel caps require. Below 1 the smallest note text is no longer readable:
 * the export panel says so and offers the zones, which the PDF has a page each for.
 */
export function pictureScale(area: Size): number {
  const width = Math.max(1, area.width)
  const height = Math.max(1, area.height)
  const bySide = MAX_PICTURE_SIDE_PX / Math.max(width, height)
  const byPixels = Math.sqrt(MAX_PICTURE_PIXELS / (width * height))
  return Math.min(PICTURE_SCALE, bySide, byPixels)
}

/** The picture's size in pixels for an area at a scale (whole pixels, at least one). */
export function pictureSize(area: Size, scale: number): Size {
  return { width: Math.max(1, Math.round(area.width * scale)), height: Math.max(1, Math.round(area.height * scale)) }
}
