import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'

/** What a browser test learns from a picture: its size, and how many pixels have given colours. */

export interface Rgb {
  r: number
  g: number
  b: number
}

export function rgb(hex: string): Rgb {
  const value = Number.parseInt(hex.replace('#', ''), 16)
  return { r: (value >> 16) & 255, g: (value >> 8) & 255, b: value & 255 }
}

/** The size of a PNG, from its header. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
  if (!signature.every((byte, index) => bytes[index] === byte)) throw new Error('not a PNG')
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  return { width: view.getUint32(16), height: view.getUint32(20) }
}

/**
 * Decodes a picture in the page (the browser's own decoder) and counts, for each colour,
 * the pixels within `tolerance` of it in every channel; optionally only inside a crop.
 */
export async function countColours(
  page: Page,
  picture: Uint8Array,
  colours: readonly Rgb[],
  { tolerance = 6, crop }: { tolerance?: number; crop?: { x: number; y: number; width: number; height: number } } = {},
): Promise<number[]> {
  return page.evaluate(
    async ({ base64, colours, tolerance, crop }) => {
      const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0))
      const bitmap = await createImageBitmap(new Blob([bytes]))
      const area = crop ?? { x: 0, y: 0, width: bitmap.width, height: bitmap.height }
      const canvas = new OffscreenCanvas(area.width, area.height)
      const context = canvas.getContext('2d')!
      context.drawImage(bitmap, -area.x, -area.y)
      const { data } = context.getImageData(0, 0, area.width, area.height)
      const counts = colours.map(() => 0)
      for (let i = 0; i < data.length; i += 4) {
        colours.forEach((colour, index) => {
          if (
            Math.abs(data[i]! - colour.r) <= tolerance &&
            Math.abs(data[i + 1]! - colour.g) <= tolerance &&
            Math.abs(data[i + 2]! - colour.b) <= tolerance
          )
            counts[index]!++
        })
      }
      return counts
    },
    { base64: Buffer.from(picture).toString('base64'), colours: [...colours], tolerance, crop },
  )
}

/** A part of a picture as a PNG of its own (cut by the page's canvas). */
export async function cropPicture(
  page: Page,
  picture: Uint8Array,
  crop: { x: number; y: number; width: number; height: number },
): Promise<Buffer> {
  const dataUrl = await page.evaluate(
    async ({ base64, crop }) => {
      const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0))
      const bitmap = await createImageBitmap(new Blob([bytes]))
      const canvas = document.createElement('canvas')
      canvas.width = crop.width
      canvas.height = crop.height
      canvas.getContext('2d')!.drawImage(bitmap, -crop.x, -crop.y)
      return canvas.toDataURL('image/png')
    },
    { base64: Buffer.from(picture).toString('base64'), crop },
  )
  return Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64')
}

function tesseractAvailable(): boolean {
  return spawnSync('tesseract', ['--version'], { encoding: 'utf8' }).status === 0
}

/**
 * Why the OCR checks are skipped here, or null when they run. With REQUIRE_BROWSER=1 (CI)
 * a missing tesseract is not a reason: the checks run and fail.
 */
export function tesseractSkipReason(): string | null {
  if (tesseractAvailable() || process.env['REQUIRE_BROWSER'] === '1') return null
  return 'no tesseract (apt-get install tesseract-ocr; REQUIRE_BROWSER=1 makes this a failure)'
}

/** The text tesseract reads in a picture (one block of text), lower-cased, on one line. */
export function readText(png: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'kokeileva-ocr-'))
  try {
    const file = join(dir, 'picture.png')
    writeFileSync(file, png)
    const result = spawnSync('tesseract', [file, '-', '--psm', '6'], { encoding: 'utf8' })
    if (result.status !== 0) throw new Error(`tesseract failed: ${result.stderr || result.error?.message}`)
    return result.stdout.replace(/\s+/g, ' ').trim().toLowerCase()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
