import type { BoardContextValue } from '../../board-context.ts'
import type { Locale } from '../../../i18n/index.ts'
import { expand, type Rect } from '../../view/geometry.ts'
import { pdfDocument, type PdfPicture } from './pdf-document.ts'
import { pictureScene, type PictureScene } from './picture-scene.ts'
import { pictureScale } from './picture-size.ts'
import { checkCancelled, encodeCanvas, renderPicture } from './render-picture.ts'

/**
 * The board as a picture (PNG: the whole board or one zone) or a document (PDF: a page for
 * the whole board, then one per zone), for minutes and archiving. Loaded only when a user
 * asks for one (a dynamic import from the download panel).
 */

export interface PictureOptions {
  /** The language of zone titles, prompts and idea statuses. */
  locale: Locale
  signal?: AbortSignal | undefined
  /** The share done so far, 0 to 1. */
  onProgress?: ((fraction: number) => void) | undefined
}

export interface ExportedPicture {
  blob: Blob
  fileName: string
  /** Pixels per board unit of the (largest) picture: below 1 small text is hard to read. */
  scale: number
  /** The (whole-board) picture's size in pixels. */
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
/** Of each page's share of the progress, drawing takes this much and encoding the rest. */
const DRAWING_SHARE = 0.8
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

interface Page {
  area: Rect
  heading?: string
}

async function renderPage(
  scene: PictureScene,
  page: Page,
  type: 'image/png' | 'image/jpeg',
  progress: (fraction: number) => void,
  signal: AbortSignal | undefined,
): Promise<{ blob: Blob; scale: number; width: number; height: number }> {
  const scale = pictureScale(page.area)
  const canvas = await renderPicture(scene, page.area, scale, {
    signal,
    heading: page.heading,
    onProgress: (fraction) => progress(fraction * DRAWING_SHARE),
  })
  try {
    const blob = await encodeCanvas(canvas, type, type === 'image/jpeg' ? JPEG_QUALITY : undefined)
    checkCancelled(signal)
    progress(1)
    return { blob, scale, width: canvas.width, height: canvas.height }
  } finally {
    // Frees the pixels at once rather than at the next garbage collection.
    canvas.width = 0
    canvas.height = 0
  }
}

function sceneOf(board: BoardContextValue, locale: Locale): PictureScene & { bounds: Rect } {
  const scene = pictureScene(board, locale)
  if (!scene.bounds) throw new EmptyBoardError()
  return { ...scene, bounds: scene.bounds }
}

/** The whole board (zoneId null) or one zone as a PNG, at PICTURE_SCALE where the caps allow. */
export async function exportPng(
  board: BoardContextValue,
  zoneId: string | null,
  { locale, signal, onProgress }: PictureOptions,
): Promise<ExportedPicture> {
  const scene = sceneOf(board, locale)
  const zone = zoneId === null ? null : scene.zones.find((candidate) => candidate.id === zoneId)
  if (zoneId !== null && !zone) throw new Error('that zone is no longer on the board')
  const area = zone ? expand(zone, ZONE_MARGIN) : scene.bounds
  const page = await renderPage(scene, { area }, 'image/png', (fraction) => onProgress?.(fraction), signal)
  const name = zone ? `${fileBase(scene.title)} - ${fileBase(zone.title)}` : fileBase(scene.title)
  return { ...page, fileName: `${name}.png`, pages: 1 }
}

/** A PDF: the whole board on the first page, then each zone (in the board's order) on its own. */
export async function exportPdf(
  board: BoardContextValue,
  { locale, signal, onProgress }: PictureOptions,
): Promise<ExportedPicture> {
  const scene = sceneOf(board, locale)
  const title = scene.title.trim()
  const pages: Page[] = [
    { area: scene.bounds, heading: title },
    ...scene.zones.map((zone) => ({
      area: expand(zone, ZONE_MARGIN),
      heading: [title, zone.title].filter(Boolean).join(' · '),
    })),
  ]
  const pictures: PdfPicture[] = []
  let first: { scale: number; width: number; height: number } | null = null
  for (const [index, page] of pages.entries()) {
    const rendered = await renderPage(
      scene,
      page,
      'image/jpeg',
      (fraction) => onProgress?.((index + fraction) / pages.length),
      signal,
    )
    first ??= rendered
    pictures.push({
      jpeg: new Uint8Array(await rendered.blob.arrayBuffer()),
      width: rendered.width,
      height: rendered.height,
    })
  }
  const parts = pdfDocument(pictures, { title: title || 'Kokeileva', created: new Date() })
  const blob = new Blob(parts as BlobPart[], { type: 'application/pdf' })
  return {
    blob,
    fileName: `${fileBase(scene.title)}.pdf`,
    scale: first?.scale ?? 1,
    width: first?.width ?? 0,
    height: first?.height ?? 0,
    pages: pages.length,
  }
}
