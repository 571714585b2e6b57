import { renderPages, type PictureJob, type RenderedPage } from './render-picture.ts'

/**
 * Draws and encodes an export's pages off the page's main thread, on OffscreenCanvases:
 * however large the board, the tab stays responsive. Cancelling terminates the worker.
 */

export type WorkerReply =
  { kind: 'progress'; fraction: number } | { kind: 'done'; pages: RenderedPage[] } | { kind: 'failed'; message: string }

// A dedicated worker's global scope (the project's TypeScript settings describe a window).
const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<PictureJob>) => void) | null
  postMessage(reply: WorkerReply): void
}

/** The page hears of progress at most this often (a slice is 12 ms; the bar needs far fewer). */
const PROGRESS_INTERVAL_MS = 100

scope.onmessage = (event) => {
  let posted = 0
  const onProgress = (fraction: number) => {
    const now = performance.now()
    if (now - posted < PROGRESS_INTERVAL_MS) return
    posted = now
    scope.postMessage({ kind: 'progress', fraction })
  }
  renderPages(event.data, { onProgress }).then(
    (pages) => scope.postMessage({ kind: 'done', pages }),
    (error: unknown) =>
      scope.postMessage({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }),
  )
}
