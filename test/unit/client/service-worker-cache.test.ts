import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

/**
 * The service worker's asset cache (client/src/service-worker/sw.ts), run in Node against a
 * Cache Storage that behaves as the browser's does where it matters here: `caches.open` makes
 * a cache that does not exist, `caches.match` with a cacheName does not.
 */

const ORIGIN = 'https://kokeileva.example'
const CACHE = 'kokeileva-shell-v1'

class FakeCache {
  readonly entries = new Map<string, Response>()
  async match(request: Request): Promise<Response | undefined> {
    return this.entries.get(request.url)?.clone()
  }
  async put(request: Request, response: Response): Promise<void> {
    this.entries.set(request.url, response)
  }
}

class FakeCacheStorage {
  readonly caches = new Map<string, FakeCache>()
  async open(name: string): Promise<FakeCache> {
    let cache = this.caches.get(name)
    if (!cache) this.caches.set(name, (cache = new FakeCache()))
    return cache
  }
  async has(name: string): Promise<boolean> {
    return this.caches.has(name)
  }
  async delete(name: string): Promise<boolean> {
    return this.caches.delete(name)
  }
  async keys(): Promise<string[]> {
    return [...this.caches.keys()]
  }
  async match(request: Request, options: { cacheName?: string } = {}): Promise<Response | undefined> {
    const names = options.cacheName === undefined ? [...this.caches.keys()] : [options.cacheName]
    for (const name of names) {
      const found = await this.caches.get(name)?.match(request)
      if (found) return found
    }
    return undefined
  }
}

type FetchListener = (event: { request: Request; respondWith(response: Promise<Response>): void }) => void

const storage = new FakeCacheStorage()
const fromNetwork: string[] = []
let onFetch: FetchListener | null = null

/** What the worker answers for a GET of `path` (an asset request of a page). */
async function request(path: string): Promise<string> {
  let answer: Promise<Response> | null = null
  onFetch?.({
    request: new Request(`${ORIGIN}${path}`),
    respondWith: (response) => {
      answer = response
    },
  })
  if (!answer) throw new Error(`the worker did not answer ${path}`)
  return (await (answer as Promise<Response>)).text()
}

describe('the service worker keeps assets', () => {
  beforeAll(async () => {
    vi.stubGlobal('caches', storage)
    vi.stubGlobal('fetch', async (input: Request) => {
      const path = new URL(input.url).pathname
      fromNetwork.push(path)
      return new Response(`network ${path}`)
    })
    vi.stubGlobal('KOKEILEVA_SHELL', { version: 'v1', files: ['/index.html'] })
    vi.stubGlobal('self', {
      location: new URL(ORIGIN),
      clients: { claim: async () => undefined },
      skipWaiting: async () => undefined,
      addEventListener: (type: string, listener: FetchListener) => {
        if (type === 'fetch') onFetch = listener
      },
    })
    await import('../../../client/src/service-worker/sw.ts')
  })

  afterAll(() => {
    vi.unstubAllGlobals()
  })

  it("in this build's cache, and answers from it the next time", async () => {
    await storage.open(CACHE)
    expect(await request('/assets/BoardPage-abc.js')).toBe('network /assets/BoardPage-abc.js')
    expect(await request('/assets/BoardPage-abc.js')).toBe('network /assets/BoardPage-abc.js')
    expect(fromNetwork).toEqual(['/assets/BoardPage-abc.js'])
    expect([...(storage.caches.get(CACHE)?.entries.keys() ?? [])]).toEqual([`${ORIGIN}/assets/BoardPage-abc.js`])
  })

  it('but never makes its cache anew once a newer worker deleted it', async () => {
    // The next deploy's worker activated and dropped this build's cache; this worker still
    // serves the page's requests in flight.
    await storage.delete(CACHE)
    expect(await request('/assets/BoardPage-abc.js')).toBe('network /assets/BoardPage-abc.js')
    expect(await request('/assets/facilitation-def.js')).toBe('network /assets/facilitation-def.js')
    expect(await storage.keys()).toEqual([])
  })
})
