import { ApiError } from './http.ts'

/**
 * File downloads from the API. The request is made with fetch (so a board token travels in
 * the Authorization header, never in a URL that history, logs or a shared screen would keep)
 * and the answer is saved from a Blob.
 */

/** The file name of a Content-Disposition header (`attachment; filename="x.csv"`), or null. */
export function fileNameFromDisposition(header: string | null): string | null {
  if (!header) return null
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header)
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim())
    } catch {
      // A malformed escape: fall back to the plain filename parameter below.
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(header)
  const name = (plain?.[2] ?? plain?.[1] ?? '').trim()
  return name.length > 0 ? name : null
}

export interface DownloadedFile {
  blob: Blob
  fileName: string
}

/** Fetches a file; a refusal becomes an ApiError with the server's message. */
export async function fetchFile(
  path: string,
  { token, fallbackName }: { token?: string; fallbackName: string },
): Promise<DownloadedFile> {
  let response: Response
  try {
    response = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {}, cache: 'no-store' })
  } catch (error) {
    throw new ApiError(0, 'network', error instanceof Error ? error.message : 'network error')
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: string; message?: string } | null
    throw new ApiError(response.status, body?.error ?? 'unknown', body?.message ?? response.statusText)
  }
  const blob = await response.blob()
  return { blob, fileName: fileNameFromDisposition(response.headers.get('content-disposition')) ?? fallbackName }
}

/** Hands a Blob to the browser as a download. */
export function saveBlob({ blob, fileName }: DownloadedFile): void {
  const url = URL.createObjectURL(blob)
  const anchor = document.createElement('a')
  anchor.href = url
  anchor.download = fileName
  anchor.rel = 'noopener'
  document.body.appendChild(anchor)
  anchor.click()
  anchor.remove()
  // The click has started the download; the URL can go once the browser has read it.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
