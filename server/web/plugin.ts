import fastifyStatic from '@fastify/static'
import fp from 'fastify-plugin'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { ErrorCode } from '@shared/api/errors.ts'

export const CLIENT_DIST_DIR = fileURLToPath(new URL('../../client/dist/', import.meta.url))

const PLACEHOLDER_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Kokeileva</title></head>
<body><h1>Kokeileva</h1>
<p>The sync server is running. The canvas has not been built yet.</p>
<p lang="fi">Synkronointipalvelin on käynnissä. Piirtopohjaa ei ole vielä käännetty.</p>
</body></html>`

/** Paths that belong to the API or the sync endpoint, never to the single-page app. */
function isServerPath(url: string): boolean {
  return /^\/(api|sync)(\/|$)|^\/(healthz|readyz)$/.test(url.split('?')[0] ?? '')
}

/**
 * Serves the built client (client/dist) with the single-page-app fallback for its routes,
 * or a plain page saying the client is not built. Unknown API paths get a JSON 404.
 */
export const webPlugin = fp(
  async (app, options: { distDir?: string }) => {
    const distDir = options.distDir ?? CLIENT_DIST_DIR
    const built = existsSync(`${distDir}/index.html`)
    if (built) {
      await app.register(fastifyStatic, { root: distDir, wildcard: false, index: ['index.html'] })
      // The service worker (the app shell on the device) is checked for a new deploy on every
      // visit: no cache may keep it.
      app.addHook('onSend', async (request, reply) => {
        if (request.url.split('?')[0] === '/sw.js') reply.header('cache-control', 'no-cache')
      })
    } else {
      app.get('/', async (_request, reply) => reply.type('text/html; charset=utf-8').send(PLACEHOLDER_PAGE))
    }
    app.setNotFoundHandler((request, reply) => {
      if (request.method === 'GET' && !isServerPath(request.url) && built) {
        return reply.type('text/html; charset=utf-8').sendFile('index.html')
      }
      return reply
        .status(404)
        .send({ error: ErrorCode.NotFound, message: `No route ${request.method} ${request.url.split('?')[0]}` })
    })
  },
  { name: 'web' },
)
