/**
 * What the service worker does with each request, as a pure function (tested in Node).
 *
 * - `page`: a navigation within the app (every route is the single-page app's index.html).
 *   Network first, so a new deploy shows at once; the cached shell when the server cannot be
 *   reached or answers with a server error (a proxy's 502 while the app is down).
 * - `asset`: the build's hashed files under /assets/: from the cache, else the network (a
 *   file name never changes its content).
 * - `pass`: everything else goes to the network untouched: the API, sign-in and the sync socket
 *   (never cached: they are live data and carry tokens), health checks, other origins,
 *   anything but GET.
 */
export type ShellRoute = 'page' | 'asset' | 'pass'

/** Where the precached index.html is kept; every page route is answered with it offline. */
export const SHELL_PAGE = '/index.html'

const CACHE_PREFIX = 'kokeileva-shell-'

/** The server's own paths (as server/web/plugin.ts names them): never the app's. */
const SERVER_PATH = /^\/(api|sync|auth)(\/|$)|^\/(healthz|readyz)$/

export function shellRoute(url: URL, request: { method: string; mode: string }, ownOrigin: string): ShellRoute {
  if (request.method !== 'GET' || url.origin !== ownOrigin || SERVER_PATH.test(url.pathname)) return 'pass'
  if (request.mode === 'navigate') return 'page'
  return url.pathname.startsWith('/assets/') ? 'asset' : 'pass'
}

/** The cache of one build's shell: a new build (a new version) gets a new cache. */
export function shellCacheName(version: string): string {
  return `${CACHE_PREFIX}${version}`
}

/** Whether a cache is an app shell's (of this build or an older one). */
export function isShellCache(name: string): boolean {
  return name.startsWith(CACHE_PREFIX)
}

/** Whether a page answer from the network is worse than the cached shell. */
export function preferCachedPage(status: number): boolean {
  return status >= 500
}
