import { useEffect } from 'react'
import type { BoardContextValue } from './board-context.ts'

/**
 * Opens the board showing its content: once the local copy or the server's has arrived, fit
 * everything in view (never above 100 %). Marks `kokeileva:first-render` for the benchmark
 * once the notes are drawn after the first sync (and `kokeileva:synced` when the sync
 * completed).
 */
export function useInitialView(board: BoardContextValue): void {
  useEffect(() => {
    const { session, commands } = board
    let fitted = false
    let marked = false
    const fitOnce = () => {
      if (fitted) return
      const bounds = commands.contentBounds()
      if (!bounds && !session.provider.synced) return
      fitted = true
      commands.zoomToFit()
    }
    const markRendered = () => {
      if (marked || !session.provider.synced) return
      marked = true
      performance.mark('kokeileva:synced')
      fitOnce()
      // Two frames: the layers draw in the first, the mark lands after it is on screen.
      requestAnimationFrame(() => requestAnimationFrame(() => performance.mark('kokeileva:first-render')))
    }
    const offLocal = session.localLoaded.subscribe(fitOnce)
    const offConnection = session.connection.subscribe(markRendered)
    if (session.localLoaded.get()) fitOnce()
    markRendered()
    return () => {
      offLocal()
      offConnection()
    }
  }, [board])
}
