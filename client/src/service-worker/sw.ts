/**
 * The service worker (built to /sw.js, scope /): keeps this build's app shell — index.html
 * and the hashed files under /assets/ that the board and the start page use, on demand too —
 * on the device, so that a board opens on a reload while the server is down. The chunks of the
 * pages that need the server anyway (registry, digest, admin) are not precached; like every
 * /assets/ file, they are kept once fetched. The board itself comes from IndexedDB (y-indexeddb), as on the live page,
 * and edits made meanwhile are sent once the server is back. The API and the sync socket are
 * never cached (shell-routes.ts).
 *
 * The build prepends `KOKEILEVA_SHELL` (client/service-worker-build.ts): the build's version and
 * its files. A new deploy changes it, so the browser installs the new worker, which caches
 * the new shell, takes over at once and deletes the older shells' caches.
 */
import { isShellCache, preferCachedPage, shellCacheName, shellRoute, SHELL_PAGE } from './shell-routes.ts'

interface ShellManifest {
  version: string
  /** Paths of the build's files, index.html first. */
  files: readonly string[]
}
declare const KOKEILEVA_SHELL: ShellManifest

// The service worker's own types: the project compiles against the DOM library, which has
// the Cache API and fetch but not these (the WebWorker library cannot be loaded beside it).
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request
  respondWith(response: Promise<Response>): void
}
interface ServiceWorkerScope {
  readonly location: Location
  readonly clients: { claim(): Promise<void> }
  skipWaiting(): Promise<void>
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void
}

const worker = self as unknown as ServiceWorkerScope
const CACHE = shellCacheName(KOKEILEVA_SHELL.version)

async function precache(): Promise<void> {
  const cache = await caches.open(CACHE)
  // The page is revalidated with the server (it must be this build's); the hashed files may
  // come from the HTTP cache, where the page has just put them, instead of downloading again.
  await cache.addAll(
    KOKEILEVA_SHELL.files.map((path) => new Request(path, { cache: path === SHELL_PAGE ? 'no-cache' : 'default' })),
  )
}

async function dropOlderShells(): Promise<void> {
  for (const name of await caches.keys()) {
    if (isShellCache(name) && name !== CACHE) await caches.delete(name)
  }
}

/** Network first; the cached shell when the server cannot be reached or fails. */
async function page(request: Request): Promise<Response> {
  let response: Response
  try {
    response = await fetch(request)
  } catch (error) {
    const shell = await caches.match(SHELL_PAGE, { cacheName: CACHE })
    if (shell) return shell
    throw error
  }
  if (!preferCachedPage(response.status)) return response
  return (await caches.match(SHELL_PAGE, { cacheName: CACHE })) ?? response
}

/**
 * Cache first: hashed file names never change their content. Never `caches.open` a cache
 * that is gone: an old worker still serving a page while its successor activates would make
 * its deleted cache anew (empty, then growing), and it would stay until the next deploy.
 */
async function asset(request: Request): Promise<Response> {
  const cached = await caches.match(request, { cacheName: CACHE })
  if (cached) return cached
  const response = await fetch(request)
  if (response.ok && (await caches.has(CACHE))) await (await caches.open(CACHE)).put(request, response.clone())
  return response
}

worker.addEventListener('install', (event) => {
  // A new worker takes over without waiting for every tab to close: index.html comes from the
  // network anyway, so open pages already run the new build after their next reload.
  event.waitUntil(precache().then(() => worker.skipWaiting()))
})

worker.addEventListener('activate', (event) => {
  event.waitUntil(dropOlderShells().then(() => worker.clients.claim()))
})

worker.addEventListener('fetch', (event) => {
  const route = shellRoute(new URL(event.request.url), event.request, worker.location.origin)
  if (route === 'page') event.respondWith(page(event.request))
  else if (route === 'asset') event.respondWith(asset(event.request))
  // 'pass': not answered here, so the browser fetches it as if there were no worker.
})
