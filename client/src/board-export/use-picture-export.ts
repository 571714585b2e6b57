import { useEffect, useRef, useState } from 'react'
import { saveBlob } from '../api/download.ts'
import type { BoardContextValue } from '../board/board-context.ts'
import type { Locale } from '../i18n/index.ts'

export type PictureFormat = 'png' | 'pdf'

export type PictureStatus =
  | { kind: 'idle' }
  | { kind: 'working'; fraction: number }
  | { kind: 'done'; fileName: string; width: number; height: number; pages: number; scale: number }
  | { kind: 'cancelled' }
  | { kind: 'empty' }
  | { kind: 'failed'; message: string }

export interface PictureRequest {
  format: PictureFormat
  /** PNG only: one zone, or null for the whole board. */
  zoneId: string | null
  locale: Locale
}

/**
 * One picture export at a time, drawn in the browser: the drawing code is loaded only when
 * first asked for, progress is kept for the panel, and Cancel (or closing the panel) stops
 * the drawing between two slices.
 */
export function usePictureExport(board: BoardContextValue) {
  const [status, setStatus] = useState<PictureStatus>({ kind: 'idle' })
  const running = useRef<AbortController | null>(null)
  useEffect(() => () => running.current?.abort(), [])

  const start = async ({ format, zoneId, locale }: PictureRequest) => {
    if (running.current) return
    const controller = new AbortController()
    running.current = controller
    setStatus({ kind: 'working', fraction: 0 })
    const options = {
      locale,
      signal: controller.signal,
      onProgress: (fraction: number) => {
        if (!controller.signal.aborted) setStatus({ kind: 'working', fraction })
      },
    }
    try {
      const { exportPdf, exportPng } = await import('../board/canvas/export/export-picture.ts')
      const picture = format === 'pdf' ? await exportPdf(board, options) : await exportPng(board, zoneId, options)
      if (controller.signal.aborted) return
      saveBlob({ blob: picture.blob, fileName: picture.fileName })
      setStatus({ kind: 'done', ...picture })
    } catch (error) {
      if (controller.signal.aborted) setStatus({ kind: 'cancelled' })
      else if (error instanceof Error && error.name === 'EmptyBoardError') setStatus({ kind: 'empty' })
      else setStatus({ kind: 'failed', message: error instanceof Error ? error.message : String(error) })
    } finally {
      if (running.current === controller) running.current = null
    }
  }
  const cancel = () => running.current?.abort()
  return { status, start, cancel }
}
