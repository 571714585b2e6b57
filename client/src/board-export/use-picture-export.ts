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
    // The panel shows whole percents: a render for each of them, not one per slice drawn (on a
    // slow laptop those renders would queue up in front of a click on Cancel).
    let shownPercent = 0
    const options = {
      locale,
      signal: controller.signal,
      onProgress: (fraction: number) => {
        const percent = Math.round(fraction * 100)
        if (controller.signal.aborted || percent === shownPercent) return
        shownPercent = percent
        setStatus({ kind: 'working', fraction })
      },
    }
    try {
      const { exportPdf, exportPng } = await import('../board/canvas/export/export-picture.ts')
      const picture = format === 'pdf' ? await exportPdf(board, options) : await exportPng(board, zoneId, options)
      if (controller.signal.aborted) return
      saveBlob({ blob: picture.blob, fileName: picture.fileName })
      setStatus({ kind: 'done', ...picture })
    } catch (error) {
      // Cancelled: the panel said so when Cancel was pressed (and may show a newer export now).
      if (controller.signal.aborted) return
      if (error instanceof Error && error.name === 'EmptyBoardError') setStatus({ kind: 'empty' })
      else setStatus({ kind: 'failed', message: error instanceof Error ? error.message : String(error) })
    } finally {
      if (running.current === controller) running.current = null
    }
  }
  /** Says "Cancelled" at once and frees the panel for a new export; the drawing stops behind. */
  const cancel = () => {
    const controller = running.current
    if (!controller) return
    running.current = null
    controller.abort()
    setStatus({ kind: 'cancelled' })
  }
  return { status, start, cancel }
}
