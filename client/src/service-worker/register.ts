/**
 * Registers the service worker that keeps the app shell on the device (sw.ts), in built
 * apps only (the dev server has no /sw.js). Browsers allow service workers only on https
 * and on localhost: served over plain http on a network, the app works as before, without
 * opening offline after a reload.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return
  const register = () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      // Refused (storage disabled, a private window in some browsers): the app works online
      // as before; nothing to tell the user until they are offline, and then the browser does.
    })
  }
  // After the page has loaded: the worker's first download of the shell must not compete
  // with the board's own.
  if (document.readyState === 'complete') register()
  else window.addEventListener('load', register, { once: true })
}
