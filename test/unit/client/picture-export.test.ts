import { describe, expect, it } from 'vitest'
import { PDFDocument } from 'pdf-lib'
import { pagePlacement, pdfDocument } from '../../../client/src/board/canvas/export/pdf-document.ts'
import {
  MAX_PICTURE_PIXELS,
  MAX_PICTURE_SIDE_PX,
  PICTURE_SCALE,
  pictureScale,
  pictureSize,
} from '../../../client/src/board/canvas/export/picture-size.ts'

/** The writer copies a picture's JPEG bytes as they are (it never decodes them): any will do here. */
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0xff, 0xd9])

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0))
  let offset = 0
  for (const part of parts) {
    bytes.set(part, offset)
    offset += part.length
  }
  return bytes
}

describe('picture size', () => {
  it('draws at twice the board’s size in board units where that fits the caps', () => {
    expect(pictureScale({ width: 1660, height: 1380 })).toBe(PICTURE_SCALE)
    expect(pictureSize({ width: 1660, height: 1380 }, 2)).toEqual({ width: 3320, height: 2760 })
  })

  it('lowers the scale only as far as the side and pixel caps require', () => {
    const long = pictureScale({ width: 20_000, height: 500 })
    expect(long * 20_000).toBeCloseTo(MAX_PICTURE_SIDE_PX)
    const big = { width: 9000, height: 6000 }
    const scale = pictureScale(big)
    const size = pictureSize(big, scale)
    expect(size.width * size.height).toBeLessThanOrEqual(MAX_PICTURE_PIXELS * 1.001)
    expect(size.width * size.height).toBeGreaterThan(MAX_PICTURE_PIXELS * 0.99)
  })
})

describe('PDF of pictures', () => {
  it('is a PDF a reader opens, with one A4 page per picture, turned to suit it, and the title', async () => {
    const pictures = [
      { jpeg: JPEG, width: 3000, height: 2000 },
      { jpeg: JPEG, width: 1000, height: 1400 },
      { jpeg: JPEG, width: 1000, height: 1000 },
    ]
    const bytes = concat(pdfDocument(pictures, { title: 'Kirjaston viikko – työpaja', created: new Date(0) }))
    const document = await PDFDocument.load(bytes)
    expect(document.getPageCount()).toBe(3)
    expect(document.getTitle()).toBe('Kirjaston viikko – työpaja')
    const sizes = document.getPages().map((page) => page.getSize())
    expect(sizes[0]!.width).toBeGreaterThan(sizes[0]!.height)
    expect(sizes[1]!.width).toBeLessThan(sizes[1]!.height)
    // Every image went in whole.
    const text = Buffer.from(bytes).toString('latin1')
    expect(text.match(/\/Subtype \/Image/g)).toHaveLength(3)
    expect(text.match(/\/Type \/Page\b(?!s)/g)).toHaveLength(3)
  })

  it('fits the picture inside the page margins, keeping its proportions', () => {
    const { page, image } = pagePlacement({ width: 4000, height: 1000 })
    expect(image.width / image.height).toBeCloseTo(4)
    expect(image.x).toBeGreaterThanOrEqual(28 - 1e-9)
    expect(image.x + image.width).toBeLessThanOrEqual(page.width - 28 + 1e-9)
    expect(image.y + image.height).toBeLessThanOrEqual(page.height)
  })
})
