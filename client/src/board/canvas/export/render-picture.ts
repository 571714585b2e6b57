import { intersects, type Rect } from '../../view/geometry.ts'
import { FONT_FAMILY } from '../../view/layout.ts'
import { drawNote } from '../draw-note.ts'
import { drawZone } from '../draw-zone.ts'
import type { PictureScene } from './picture-scene.ts'
import { pictureScale, pictureSize } from './picture-size.ts'

/**
 * Drawing an export: pages of the board's scene onto canvases of their own, encoded as image
 * files. DOM-free, so that it runs in a worker (picture-worker.ts) as well as on the page.
 */

/** Drawing runs in slices of about this long, with a turn for other work between them. */
const SLICE_MS = 12
/** A heading band above the board (board units), for pages of a PDF. */
const HEADING_HEIGHT = 64
const HEADING_FONT = 26

export type PictureType = 'image/png' | 'image/jpeg'

export interface PicturePage {
  area: Rect
  /** A line above the picture (board title, zone title). */
  heading?: string | undefined
}

/** What to draw: the scene, its pages, and the file type of each page. */
export interface PictureJob {
  scene: PictureScene
  pages: PicturePage[]
  type: PictureType
  /** For JPEG. */
  quality?: number | undefined
}

export interface RenderedPage {
  blob: Blob
  width: number
  height: number
  /** Pixels per board unit it was drawn at. */
  scale: number
}

export interface RenderOptions {
  /** Cancels between slices (an AbortError). */
  signal?: AbortSignal | undefined
  /** The share done so far, 0 to 1. */
  onProgress?: ((fraction: number) => void) | undefined
}

/** Of each page's share of the progress, drawing takes this much and encoding the rest. */
const DRAWING_SHARE = 0.8

/**
 * The next task, after other work has had a turn (input and painting, on the page). A
 * message is not throttled in a background tab as a timer is, so an export left to run
 * there still ends.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel()
    channel.port1.onmessage = () => {
      channel.port1.close()
      resolve()
    }
    channel.port2.postMessage(null)
  })
}

export function checkCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted)
    throw signal.reason instanceof Error ? signal.reason : new DOMException('Cancelled', 'AbortError')
}

type PictureCanvas = OffscreenCanvas | HTMLCanvasElement

function newCanvas(width: number, height: number): PictureCanvas {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(width, height)
  const canvas = document.createElement('canvas')
  canvas.width = width
  canvas.height = height
  return canvas
}

/** The canvas as an image file (encoded by the browser without holding up the page). */
export function encodeCanvas(canvas: PictureCanvas, type: PictureType, quality?: number): Promise<Blob> {
  if ('convertToBlob' in canvas) return canvas.convertToBlob({ type, quality })
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) =>
        blob
          ? resolve(blob)
          : reject(new Error(`the browser could not encode a ${canvas.width} × ${canvas.height} picture`)),
      type,
      quality,
    ),
  )
}

/**
 * Draws an area of the scene onto a new canvas at `scale` pixels per board unit, on white:
 * zones, then notes, with the same drawing functions as the live canvas (whose level of
 * detail at this scale is the whole text). Notes are drawn in slices with a turn for other
 * work between them; `onProgress` follows.
 */
export async function renderPicture(
  scene: PictureScene,
  page: PicturePage,
  scale: number,
  { signal, onProgress }: RenderOptions = {},
): Promise<PictureCanvas> {
  checkCancelled(signal)
  const { area, heading } = page
  const top = heading ? HEADING_HEIGHT : 0
  const size = pictureSize({ width: area.width, height: area.height + top }, scale)
  const canvas = newCanvas(size.width, size.height)
  const context = canvas.getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null
  if (!context) throw new Error(`the browser could not make a ${size.width} × ${size.height} picture`)
  context.fillStyle = '#ffffff'
  context.fillRect(0, 0, size.width, size.height)
  context.setTransform(scale, 0, 0, scale, -area.x * scale, (top - area.y) * scale)
  if (heading) {
    context.fillStyle = '#1c1917'
    context.font = `bold ${HEADING_FONT}px ${FONT_FAMILY}`
    context.textBaseline = 'middle'
    context.fillText(heading, area.x + 8, area.y - top / 2, area.width - 16)
    context.beginPath()
    context.rect(area.x, area.y, area.width, area.height)
    context.clip()
  }
  for (const zone of scene.zones) {
    if (!intersects(zone, area)) continue
    context.save()
    context.translate(zone.x, zone.y)
    drawZone(context, zone, scale, null)
    context.restore()
  }
  const notes = scene.notes.filter((note) => intersects(note, area))
  let sliceStart = performance.now()
  for (let index = 0; index < notes.length; index++) {
    const note = notes[index]!
    context.save()
    context.translate(note.x, note.y)
    drawNote(context, note, scale, area)
    context.restore()
    if (performance.now() - sliceStart > SLICE_MS) {
      onProgress?.((index + 1) / notes.length)
      await nextTask()
      checkCancelled(signal)
      sliceStart = performance.now()
    }
  }
  onProgress?.(1)
  return canvas
}

/** Every page of a job, drawn and encoded one after the other (one large canvas at a time). */
export async function renderPages(
  job: PictureJob,
  { signal, onProgress }: RenderOptions = {},
): Promise<RenderedPage[]> {
  const rendered: RenderedPage[] = []
  for (const [index, page] of job.pages.entries()) {
    const progress = (fraction: number) => onProgress?.((index + fraction) / job.pages.length)
    const scale = pictureScale(page.area)
    const canvas = await renderPicture(job.scene, page, scale, {
      signal,
      onProgress: (fraction) => progress(fraction * DRAWING_SHARE),
    })
    try {
      const blob = await encodeCanvas(canvas, job.type, job.quality)
      checkCancelled(signal)
      rendered.push({ blob, width: canvas.width, height: canvas.height, scale })
      progress(1)
    } finally {
      // Frees the pixels at once rather than at the next garbage collection.
      canvas.width = 0
      canvas.height = 0
    }
  }
  return rendered
}
