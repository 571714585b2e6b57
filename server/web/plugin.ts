import fastifyStatic from '@fastify/static'
import fp from 'fastify-plugin'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { ErrorCode } from '@shared/api/errors.ts'
import { boardPageHtml } from './board-preload.ts'

/**
 * The built web app, dist/client. The same relative path holds from this source file
 * (server/web/) and from the bundled server (dist/server/main.js): both are two levels below
 * the folder that holds dist/.
 */
export const CLIENT_DIST_DIR = fileURLToPath(new URL('../../dist/client/', import.meta.url))

/** Vite names every file under assets/ by a hash of its content: it never changes. */
const HASHED_ASSET = /\/assets\/[^/]+$/

const CACHE_IMMUTABLE = 'public, max-age=31536000, immutable'
/** index.html names the current assets: browsers revalidate it every time (a 304 is cheap). */
const CACHE_REVALIDATE = 'no-cache'

const PLACEHOLDER_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Kokeileva</title></head>
<body><h1>Kokeileva</h1>
<p>The sync server is running. The canvas has not been built yet (npm run build).</p>
<p lang="fi">Synkronointipalvelin on käynnissä. Piirtopohjaa ei ole vielä käännetty (npm run build).</p>
</body></html>`

/** A board's address (`/b/:boardId`; the token is in the fragment, which the server never sees). */
const BOARD_PATH = /^\/b\/[^/]+$/

/** Paths that belong to the API, the sync endpoint, sign-in or the assets, never to the single-page app. */
function isNotAppRoute(url: string): boolean {
  return /^\/(api|sync|auth|assets)(\/|$)|^\/(healthz|readyz)$/.test(url.split('?')[0] ?? '')
}

function setCacheHeaders(response: { setHeader(name: string, value: string): unknown }, path: string): void {
  const filePath = path.replace(/\\/g, '/').replace(/\.(br|gz)$/, '')
  response.setHeader('cache-control', HASHED_ASSET.test(filePath) ? CACHE_IMMUTABLE : CACHE_REVALIDATE)
  // The body depends on Accept-Encoding (a brotli, gzip or plain copy): caches must key on it.
  response.setHeader('vary', 'Accept-Encoding')
}

/**
 * Serves the built client with the single-page-app fallback for its routes, or a plain page
 * saying the client is not built. Each text file has a brotli and a gzip copy made at build
 * time, chosen by the request's Accept-Encoding. Unknown API and asset paths get a JSON 404.
 */
export const webPlugin = fp(
  async (app, options: { distDir?: string }) => {
    const distDir = options.distDir ?? CLIENT_DIST_DIR
    const built = existsSync(`${distDir}/index.html`)
    if (built) {
      await app.register(fastifyStatic, {
        root: distDir,
        wildcard: false,
        index: ['index.html'],
        preCompressed: true,
        // The compressed copies are served in place of their originals, not at their own URLs.
        globIgnore: ['**/*.br', '**/*.gz'],
        // Not hashed, so revalidated on every visit: index.html, and the service worker
        // (/sw.js), which browsers must check for a new deploy.
        cacheControl: false,
        setHeaders: setCacheHeaders,
      })
    } else {
      app.get('/', { schema: { hide: true } }, async (_request, reply) =>
        reply.type('text/html; charset=utf-8').send(PLACEHOLDER_PAGE),
      )
    }
    // A board's address names its chunks in the page, so that they load beside the entry.
    const boardHtml = built ? boardPageHtml(distDir) : null
    app.setNotFoundHandler((request, reply) => {
      if (request.method === 'GET' && !isNotAppRoute(request.url) && built) {
        if (boardHtml && BOARD_PATH.test(request.url.split('?')[0] ?? '')) {
          return reply
            .header('cache-control', CACHE_REVALIDATE)
            .header('vary', 'Accept-Encoding')
            .type('text/html; charset=utf-8')
            .send(boardHtml)
        }
        return reply.type('text/html; charset=utf-8').sendFile('index.html')
      }
      return reply
        .status(404)
        .send({ error: ErrorCode.NotFound, message: `No route ${request.method} ${request.url.split('?')[0]}` })
    })
  },
  { name: 'web' },
)
