/**
 * A PDF of full-page pictures, written by hand: each page is an A4 sheet (landscape or
 * portrait, whichever suits the picture) with one JPEG image fitted inside its margins. JPEG
 * goes into a PDF unchanged (the DCTDecode filter), so no PDF library, compression or font is
 * needed. Pure: bytes in, bytes out (as parts, for a Blob, without copying them into one).
 */

export interface PdfPicture {
  /** The JPEG file's bytes. */
  jpeg: Uint8Array
  /** Its size in pixels. */
  width: number
  height: number
}

export interface PdfInfo {
  title: string
  /** When it was made (the PDF's CreationDate). */
  created: Date
}

/** A4 in points (1/72 inch). */
const A4 = { long: 841.89, short: 595.28 }
const MARGIN_PT = 28

const ascii = new TextEncoder()

/** A PDF text string in UTF-16BE (hex), so that any title survives. */
function pdfText(text: string): string {
  let hex = 'FEFF'
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase()
  return `<${hex}>`
}

function pdfDate(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0')
  return `(D:${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}Z)`
}

const number = (value: number) => (Math.round(value * 100) / 100).toString()

/** The page (in points) and where the picture goes on it: A4, turned to suit, the picture fitted and centred. */
export function pagePlacement(picture: Pick<PdfPicture, 'width' | 'height'>) {
  const landscape = picture.width >= picture.height
  const page = landscape ? { width: A4.long, height: A4.short } : { width: A4.short, height: A4.long }
  const fit = Math.min((page.width - 2 * MARGIN_PT) / picture.width, (page.height - 2 * MARGIN_PT) / picture.height)
  const width = picture.width * fit
  const height = picture.height * fit
  return { page, image: { x: (page.width - width) / 2, y: (page.height - height) / 2, width, height } }
}

/** The PDF's bytes, in parts (concatenated they are the file). */
export function pdfDocument(pictures: readonly PdfPicture[], info: PdfInfo): Uint8Array[] {
  const parts: Uint8Array[] = []
  const offsets: number[] = []
  let length = 0
  const push = (part: Uint8Array) => {
    parts.push(part)
    length += part.length
  }
  const text = (value: string) => push(ascii.encode(value))
  // Objects: 1 catalog, 2 page tree, 3 info, then per page: page, contents, image.
  const pageObject = (index: number) => 4 + index * 3
  const object = (id: number, body: string) => {
    offsets[id] = length
    text(`${id} 0 obj\n${body}\nendobj\n`)
  }

  text('%PDF-1.4\n')
  // A comment of bytes above 127 tells programs that the file is binary.
  push(new Uint8Array([0x25, 0xe2, 0xe3, 0xcf, 0xd3, 0x0a]))
  object(1, '<< /Type /Catalog /Pages 2 0 R >>')
  const kids = pictures.map((_, index) => `${pageObject(index)} 0 R`).join(' ')
  object(2, `<< /Type /Pages /Kids [${kids}] /Count ${pictures.length} >>`)
  object(3, `<< /Title ${pdfText(info.title)} /Producer (Kokeileva) /CreationDate ${pdfDate(info.created)} >>`)
  pictures.forEach((picture, index) => {
    const id = pageObject(index)
    const { page, image } = pagePlacement(picture)
    object(
      id,
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${number(page.width)} ${number(page.height)}] ` +
        `/Resources << /XObject << /Im0 ${id + 2} 0 R >> >> /Contents ${id + 1} 0 R >>`,
    )
    const draw = `q ${number(image.width)} 0 0 ${number(image.height)} ${number(image.x)} ${number(image.y)} cm /Im0 Do Q`
    object(id + 1, `<< /Length ${draw.length} >>\nstream\n${draw}\nendstream`)
    offsets[id + 2] = length
    text(
      `${id + 2} 0 obj\n<< /Type /XObject /Subtype /Image /Width ${picture.width} /Height ${picture.height} ` +
        `/ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${picture.jpeg.length} >>\nstream\n`,
    )
    push(picture.jpeg)
    text('\nendstream\nendobj\n')
  })
  const count = 4 + pictures.length * 3
  const xref = length
  let table = `xref\n0 ${count}\n0000000000 65535 f \n`
  for (let id = 1; id < count; id++) table += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`
  text(`${table}trailer\n<< /Size ${count} /Root 1 0 R /Info 3 0 R >>\nstartxref\n${xref}\n%%EOF\n`)
  return parts
}
