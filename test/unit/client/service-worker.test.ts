import { describe, expect, it } from 'vitest'
import { shellManifest } from '../../../client/service-worker-build.ts'
import {
  isShellCache,
  preferCachedPage,
  shellCacheName,
  shellRoute,
} from '../../../client/src/service-worker/shell-routes.ts'

const ORIGIN = 'https://kokeileva.example'
const route = (path: string, mode = 'cors', method = 'GET', origin = ORIGIN) =>
  shellRoute(new URL(path, origin), { method, mode }, ORIGIN)

describe('the service worker', () => {
  it('answers page navigations and the hashed assets, and leaves the API, the sync socket and health checks alone', () => {
    expect(route('/b/Board0000001', 'navigate')).toBe('page')
    expect(route('/', 'navigate')).toBe('page')
    expect(route('/ideas?status=screening', 'navigate')).toBe('page')
    expect(route('/assets/BoardPage-OStufgLv.js')).toBe('asset')
    for (const path of ['/api/boards/Board0000001/links', '/api/time', '/sync/Board0000001', '/healthz', '/readyz']) {
      expect(route(path), path).toBe('pass')
      expect(route(path, 'navigate'), `${path} opened in a tab`).toBe('pass')
    }
    expect(route('/apiary', 'navigate')).toBe('page')
    expect(route('/assets/main.js', 'cors', 'POST')).toBe('pass')
    expect(route('/assets/main.js', 'cors', 'GET', 'https://elsewhere.example')).toBe('pass')
    expect(route('/favicon.ico')).toBe('pass')
  })

  it('prefers the cached shell to a server error, not to a page that exists', () => {
    expect(preferCachedPage(502)).toBe(true)
    expect(preferCachedPage(503)).toBe(true)
    expect(preferCachedPage(200)).toBe(false)
    expect(preferCachedPage(404)).toBe(false)
  })

  it('versions the shell by the build: every file but the worker and the build reports, index.html first; any change, a new version', () => {
    const build = [
      { fileName: 'assets/main-abc.js', content: 'main' },
      { fileName: 'sw.js', content: 'worker' },
      { fileName: 'index.html', content: '<html>' },
      { fileName: 'assets/main-abc.js.map', content: '{}' },
      { fileName: 'assets/BoardPage-def.js', content: new Uint8Array([1, 2]) },
      // The chunk report (client/chunk-report.ts): the server does not serve it.
      { fileName: '.vite/chunks.json', content: '{}' },
    ]
    const manifest = shellManifest(build)
    expect(manifest.files).toEqual(['/index.html', '/assets/BoardPage-def.js', '/assets/main-abc.js'])
    expect(manifest.version).toMatch(/^[0-9a-f]{16}$/)
    expect(shellManifest([...build].reverse())).toEqual(manifest)
    const changedPage = build.map((file) =>
      file.fileName === 'index.html' ? { ...file, content: '<html lang>' } : file,
    )
    expect(shellManifest(changedPage).version).not.toBe(manifest.version)
    const changedWorker = build.map((file) => (file.fileName === 'sw.js' ? { ...file, content: 'other' } : file))
    expect(shellManifest(changedWorker).version).toBe(manifest.version)
    expect(isShellCache(shellCacheName(manifest.version))).toBe(true)
    expect(isShellCache('someone-else')).toBe(false)
  })
})
