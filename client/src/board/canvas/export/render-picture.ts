import type { Rect } from '../../view/geometry.ts'
import { intersects } from '../../view/geometry.ts'
import { FONT_FAMILY } from '../../view/layout.ts'
import { drawNote } from '../draw-note.ts'
import { drawZone } from '../draw-zone.ts'
import type { PictureScene } from './picture-scene.ts'
import { pictureSize } from './picture-size.ts'

/** Drawing runs in slices of about this long, so that the page stays responsive. */
const SLICE_MS = 12
/** A heading band above the board (board units), for pages of a PDF. */
const HEADING_HEIGHT = 64
const HEADING_FONT = 26

export interface RenderOptions {
  /** Cancels between slices (an AbortError). */
  signal?: AbortSignal | undefined
  /** The share drawn so far, 0 to 1. */
  onProgress?: ((fraction: number) => void) | undefined
  /** A line above the picture (board title, zone title). */
  heading?: string | undefined
}

/**
 * The next task, after the browser has had a turn (input, painting). A message is not
 * throttled in a background tab as a timer is, so an export left to run there still ends.
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

/**
 * Draws an area of the scene onto a new canvas at `scale` pixels per board unit, on white:
 * zones, then notes, with the same drawing functions as the live canvas (its level of
 * detail at this scale is the full text). The notes are drawn in slices with a turn for the
 * browser between them, so a large board does not freeze the tab; `onProgress` follows.
 */
export async function renderPicture(
  scene: PictureScene,
  area: Rect,
  scale: number,
  { signal, onProgress, heading }: RenderOptions = {},
): Promise<HTMLCanvasElement> {
  checkCancelled(signal)
  const top = heading ? HEADING_HEIGHT : 0
  const size = pictureSize({ width: area.width, height: area.height + top }, scale)
  const canvas = document.createElement('canvas')
  canvas.width = size.width
  canvas.height = size.height
  const context = canvas.getContext('2d')
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

/** The canvas as an image file (encoded by the browser off the main thread). */
export function encodeCanvas(
  canvas: HTMLCanvasElement,
  type: 'image/png' | 'image/jpeg',
  quality?: number,
): Promise<Blob> {
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
