/** The longest a board's page waits for its board before registering anyway (offline, a huge board). */
const BOARD_WAIT_MS = 10_000

let drawn: () => void = () => undefined
/** Settles when the board's page has drawn the board after its first sync (boardDrawn). */
const boardDrawnOnce = new Promise<void>((resolve) => {
  drawn = resolve
})

/** The board's page calls this once the board is drawn after its first sync. */
export function boardDrawn(): void {
  drawn()
}

/**
 * Registers the service worker that keeps the app shell on the device (sw.ts), in built
 * apps only (the dev server has no /sw.js). Browsers allow service workers only on https
 * and on localhost: served over plain http on a network, the app works as before, without
 * opening offline after a reload.
 *
 * Not before the page has loaded, and on a board's page not before the board is drawn (at
 * most BOARD_WAIT_MS after the load): on a first visit the worker downloads and stores the
 * whole shell (about 1 MB), and doing it while a big board came in and was drawn took about
 * 100 ms from the board's first render (10,000 notes: 1,100 ms with it, 1,000 without).
 */
export function registerServiceWorker({ waitForBoard }: { waitForBoard: boolean }): void {
  if (!('serviceWorker' in navigator)) return
  const register = () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      // Refused (storage disabled, a private window in some browsers): the app works online
      // as before; nothing to tell the user until they are offline, and then the browser does.
    })
  }
  const loaded = new Promise<void>((resolve) => {
    if (document.readyState === 'complete') resolve()
    else window.addEventListener('load', () => resolve(), { once: true })
  })
  if (!waitForBoard) {
    void loaded.then(register)
    return
  }
  void loaded.then(() =>
    Promise.race([boardDrawnOnce, new Promise<void>((resolve) => setTimeout(resolve, BOARD_WAIT_MS))]).then(register),
  )
}
