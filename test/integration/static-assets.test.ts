import { readFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { startServer, type TestServer } from '../helpers/server.ts'

/** A GET with the body as sent (node:http, which, unlike fetch, does not decode it). */
function rawGet(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      )
    })
      .on('error', reject)
      .end()
  })
}

/** The built web app as the server serves it: caching by file kind, compression by negotiation. */
describe('static assets', () => {
  const dist = inject('clientDist')
  let server: TestServer
  beforeAll(async () => {
    server = await startServer({}, { clientDistDir: dist })
  })
  afterAll(async () => {
    await server.close()
  })
  // The entry script that index.html loads.
  const script = () => /src="\/assets\/([^"]+\.js)"/.exec(readFileSync(join(dist, 'index.html'), 'utf8'))![1]!

  it('hashed assets are cached for a year as immutable; index.html and app routes are revalidated', async () => {
    const asset = await rawGet(`${server.url}/assets/${script()}`)
    expect(asset.status).toBe(200)
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    for (const path of ['/', '/index.html', '/b/abcdef123', '/ideas']) {
      const page = await rawGet(`${server.url}${path}`, { 'accept-encoding': 'gzip, br' })
      expect(page.status, path).toBe(200)
      expect(page.headers['cache-control'], path).toBe('no-cache')
      expect(page.headers['content-type'], path).toBe('text/html; charset=utf-8')
    }
  })

  it('serves the brotli or gzip copy made at build time by Accept-Encoding, with Vary, and the plain file otherwise', async () => {
    const original = readFileSync(join(dist, 'assets', script()))
    const url = `${server.url}/assets/${script()}`

    const brotli = await rawGet(url, { 'accept-encoding': 'gzip, deflate, br' })
    expect(brotli.headers['content-encoding']).toBe('br')
    expect(brotli.headers['vary']).toBe('Accept-Encoding')
    expect(brotli.headers['content-type']).toMatch(/^text\/javascript|^application\/javascript/)
    expect(brotli.body.length).toBeLessThan(original.length / 2)
    expect(brotliDecompressSync(brotli.body).equals(original)).toBe(true)

    const gzip = await rawGet(url, { 'accept-encoding': 'gzip' })
    expect(gzip.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(gzip.body).equals(original)).toBe(true)

    const plain = await rawGet(url)
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.headers['vary']).toBe('Accept-Encoding')
    expect(plain.body.equals(original)).toBe(true)

    // The compressed copies are not files of their own.
    expect((await rawGet(`${url}.br`)).status).toBe(404)
  })

  it('a board’s address names the board page’s chunks for preloading; other pages do not', async () => {
    const chunks = (
      JSON.parse(readFileSync(join(dist, '.vite', 'chunks.json'), 'utf8')) as {
        chunks: { file: string; entry: string | null }[]
      }
    ).chunks
    const boardChunk = chunks.find((chunk) => chunk.entry === 'client/src/board/BoardPage.tsx')?.file
    expect(boardChunk).toBeDefined()
    const preloads = (html: string) =>
      [...html.matchAll(/<link rel="modulepreload" crossorigin href="\/([^"]+)">/g)].map((m) => m[1])
    const board = (await rawGet(`${server.url}/b/abcdef123?focus=n1`)).body.toString()
    expect(preloads(board)).toContain(boardChunk)
    // Each chunk it names is there to fetch, and the entry still loads first, once.
    for (const file of preloads(board)) expect((await rawGet(`${server.url}/${file}`)).status, file).toBe(200)
    expect(board.match(new RegExp(script(), 'g'))).toHaveLength(1)
    // The board's first script (client/src/early.ts) comes before the entry's, so it runs first.
    const earlyChunk = chunks.find((chunk) => chunk.entry === 'client/src/early.ts')?.file
    expect(earlyChunk).toBeDefined()
    const scripts = [...board.matchAll(/<script type="module" crossorigin src="\/([^"]+)"><\/script>/g)].map(
      (m) => m[1],
    )
    expect(scripts).toEqual([earlyChunk, `assets/${script()}`])
    expect((await rawGet(`${server.url}/${earlyChunk}`)).status).toBe(200)
    const start = (await rawGet(`${server.url}/`)).body.toString()
    expect(preloads(start)).not.toContain(boardChunk)
    expect(start).not.toContain(earlyChunk)
    expect((await rawGet(`${server.url}/ideas`)).body.toString()).not.toContain(boardChunk)
  })

  it('a missing asset is a 404, not the app page (a stale page must not run HTML as a script)', async () => {
    const missing = await rawGet(`${server.url}/assets/index-gone.js`)
    expect(missing.status).toBe(404)
    expect(JSON.parse(missing.body.toString())).toMatchObject({ error: 'not_found' })
  })
})
