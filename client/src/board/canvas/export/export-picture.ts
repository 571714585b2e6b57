import type { BoardContextValue } from '../../board-context.ts'
import type { Locale } from '../../../i18n/index.ts'
import { expand } from '../../view/geometry.ts'
import { loadTemplateTexts } from '../../../facilitation/phase-text.ts'
import { pdfDocument } from './pdf-document.ts'
import { pictureScene, type PictureScene } from './picture-scene.ts'
import type { WorkerReply } from './picture-worker.ts'
import {
  renderPages,
  type PictureJob,
  type PicturePage,
  type RenderedPage,
  type RenderOptions,
} from './render-picture.ts'

/**
 * The board as a picture (PNG: the whole board or one zone) or a document (PDF: a page for
 * the whole board, then one per zone), for minutes and archiving. Loaded only when a user
 * asks for one (a dynamic import from the download panel); drawn in a worker.
 */

export interface PictureOptions extends RenderOptions {
  /** The language of zone titles, prompts and idea statuses. */
  locale: Locale
}

export interface ExportedPicture {
  blob: Blob
  fileName: string
  /** Pixels per board unit of the (first) picture: below 1 small text is hard to read. */
  scale: number
  /** The (first) picture's size in pixels. */
  width: number
  height: number
  pages: number
}

/** Why there is nothing to export. */
export class EmptyBoardError extends Error {
  constructor() {
    super('the board has no notes or zones')
    this.name = 'EmptyBoardError'
  }
}

/** Room around a zone on its own picture (board units). */
const ZONE_MARGIN = 20
const JPEG_QUALITY = 0.9

/** A file name from the board's title (without the characters file systems refuse). */
export function fileBase(title: string): string {
  const cleaned = [...title]
    .map((char) => (char < ' ' ? ' ' : char))
    .join('')
    .replace(/[\\/:*?"<>|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  return cleaned.slice(0, 120) || 'kokeileva'
}

function cancelled(): DOMException {
  return new DOMException('Cancelled', 'AbortError')
}

/**
 * Runs a job in a worker (OffscreenCanvas), or on the page where a worker cannot draw
 * (no OffscreenCanvas, or the worker fails to start).
 */
function runJob(job: PictureJob, { signal, onProgress }: RenderOptions): Promise<RenderedPage[]> {
  if (typeof Worker === 'undefined' || typeof OffscreenCanvas === 'undefined')
    return renderPages(job, { signal, onProgress })
  if (signal?.aborted) return Promise.reject(cancelled())
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./picture-worker.ts', import.meta.url), { type: 'module' })
    let heard = false
    const finish = () => {
      worker.terminate()
      signal?.removeEventListener('abort', abort)
    }
    const abort = () => {
      finish()
      reject(cancelled())
    }
    signal?.addEventListener('abort', abort, { once: true })
    worker.onmessage = (event: MessageEvent<WorkerReply>) => {
      heard = true
      const reply = event.data
      if (reply.kind === 'progress') onProgress?.(reply.fraction)
      else {
        finish()
        if (reply.kind === 'done') resolve(reply.pages)
        else reject(new Error(reply.message))
      }
    }
    worker.onerror = (event) => {
      finish()
      // A worker that never started (a browser or policy that refuses it): draw on the page.
      if (!heard) renderPages(job, { signal, onProgress }).then(resolve, reject)
      else reject(new Error(event.message || 'the drawing stopped'))
    }
    worker.postMessage(job)
  })
}

function sceneOf(
  board: BoardContextValue,
  locale: Locale,
): PictureScene & { bounds: NonNullable<PictureScene['bounds']> } {
  const scene = pictureScene(board, locale)
  if (!scene.bounds) throw new EmptyBoardError()
  return { ...scene, bounds: scene.bounds }
}

function exported(pages: readonly RenderedPage[], blob: Blob, fileName: string): ExportedPicture {
  const first = pages[0]
  return {
    blob,
    fileName,
    scale: first?.scale ?? 1,
    width: first?.width ?? 0,
    height: first?.height ?? 0,
    pages: pages.length,
  }
}

/** The whole board (zoneId null) or one zone as a PNG, at PICTURE_SCALE where the caps allow. */
export async function exportPng(
  board: BoardContextValue,
  zoneId: string | null,
  options: PictureOptions,
): Promise<ExportedPicture> {
  // A picture in another language than the board's shows the template's texts in it.
  await loadTemplateTexts()
  const scene = sceneOf(board, options.locale)
  const zone = zoneId === null ? null : scene.zones.find((candidate) => candidate.id === zoneId)
  if (zoneId !== null && !zone) throw new Error('that zone is no longer on the board')
  const area = zone ? expand(zone, ZONE_MARGIN) : scene.bounds
  const pages = await runJob({ scene, pages: [{ area }], type: 'image/png' }, options)
  const name = zone ? `${fileBase(scene.title)} - ${fileBase(zone.title)}` : fileBase(scene.title)
  return exported(pages, pages[0]!.blob, `${name}.png`)
}

/** A PDF: the whole board on the first page, then each zone (in the board's order) on its own. */
export async function exportPdf(board: BoardContextValue, options: PictureOptions): Promise<ExportedPicture> {
  await loadTemplateTexts()
  const scene = sceneOf(board, options.locale)
  const title = scene.title.trim()
  const pages: PicturePage[] = [
    { area: scene.bounds, heading: title },
    ...scene.zones.map((zone) => ({
      area: expand(zone, ZONE_MARGIN),
      heading: [title, zone.title].filter(Boolean).join(' · '),
    })),
  ]
  const rendered = await runJob({ scene, pages, type: 'image/jpeg', quality: JPEG_QUALITY }, options)
  const pictures = await Promise.all(
    rendered.map(async (page) => ({
      jpeg: new Uint8Array(await page.blob.arrayBuffer()),
      width: page.width,
      height: page.height,
    })),
  )
  const parts = pdfDocument(pictures, { title: title || 'Kokeileva', created: new Date() })
  return exported(rendered, new Blob(parts as BlobPart[], { type: 'application/pdf' }), `${fileBase(scene.title)}.pdf`)
}
