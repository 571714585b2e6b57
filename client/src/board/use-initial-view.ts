import { useEffect } from 'react'
import { boardDrawn } from '../service-worker/register.ts'
import { boundsOf } from './view/geometry.ts'
import type { BoardContextValue } from './board-context.ts'
import type { Viewport } from './view/viewport.ts'

/**
 * The name card a participant answers on joining (NamePrompt): answering it leaves the view
 * alone, while the strips may still be taking their room.
 */
const NOT_THE_BOARD = '.name-prompt'

/**
 * Opens the board showing its content: once the local copy or the server's has arrived, fit
 * everything in view (never above 100 %). With focus notes (`?focus=` from the idea
 * registry) it centres on those notes instead and selects them; when the server's copy has
 * none of them, it fits everything and calls `onFocusMissing`. Marks
 * `kokeileva:first-render` for the benchmark once the notes are drawn after the first sync
 * (and `kokeileva:synced` when the sync completed); from then on the service worker may
 * download the app shell (boardDrawn).
 */
export function useInitialView(
  board: BoardContextValue,
  focusIds: readonly string[] = [],
  onFocusMissing?: () => void,
): void {
  useEffect(() => {
    const { session, commands, viewport, ui } = board
    let fitted = false
    let marked = false
    /** The view this hook set last, and how (to set it again for a new canvas size). */
    let opening: { view: Viewport; fit: () => void } | null = null
    const open = (fit: () => void) => {
      fitted = true
      fit()
      opening = { view: viewport.get(), fit }
    }
    const fitOnce = () => {
      if (fitted) return
      if (focusIds.length > 0) {
        const notes = focusIds.map((id) => session.stores.notes.get(id)).filter((note) => note !== undefined)
        if (notes.length > 0) {
          open(() => viewport.fit(boundsOf(notes)))
          ui.select(notes.map((note) => note.id))
          return
        }
        // The notes may be on the server only: wait for it before giving up on them.
        if (!session.provider.synced) return
        onFocusMissing?.()
      }
      // Joining while the facilitator brings everyone along, or spotlights something: that
      // view is the one to open with.
      if (
        board.follow.status.get() === 'following' ||
        (board.spotlight.active.get() && session.role !== 'facilitator')
      ) {
        fitted = true
        return
      }
      const bounds = commands.contentBounds()
      if (!bounds && !session.provider.synced) return
      open(() => commands.openingView())
    }
    // The board's strips (phase, vote) arrive with the same data as the notes and take their
    // room after the first fit: until the user touches the board or moves the view, the
    // opening view is fitted again to the canvas as it is laid out.
    const refit = () => {
      if (opening && viewport.get() === opening.view) open(opening.fit)
    }
    // Answering the name card moves no view. Any other press or key ends the refitting: a
    // button may change the board (a phase, silent mode), typing may open a note, and the
    // view must not jump under the next click.
    const touched = (event: Event) => {
      if (event.target instanceof Element && event.target.closest(NOT_THE_BOARD)) return
      opening = null
    }
    const offSize = viewport.size.subscribe(refit)
    window.addEventListener('pointerdown', touched, true)
    window.addEventListener('keydown', touched, true)
    window.addEventListener('wheel', touched, true)
    const markRendered = () => {
      if (marked || !session.provider.synced) return
      marked = true
      performance.mark('kokeileva:synced')
      fitOnce()
      // Two frames: the layers draw in the first, the mark lands after it is on screen.
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          performance.mark('kokeileva:first-render')
          boardDrawn()
        }),
      )
    }
    const offLocal = session.localLoaded.subscribe(fitOnce)
    const offConnection = session.connection.subscribe(markRendered)
    if (session.localLoaded.get()) fitOnce()
    markRendered()
    return () => {
      offLocal()
      offConnection()
      offSize()
      window.removeEventListener('pointerdown', touched, true)
      window.removeEventListener('keydown', touched, true)
      window.removeEventListener('wheel', touched, true)
    }
    // The focus is read once, when the board opens.
    // (focusIds and onFocusMissing are stable for the page's life: BoardPage keeps them in state.)
  }, [board, focusIds, onFocusMissing])
}
