import { describe, expect, it } from 'vitest'
import { offlineFiles, shellManifest } from '../../../client/service-worker-build.ts'
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
    for (const path of [
      '/api/boards/Board0000001/links',
      '/api/time',
      '/sync/Board0000001',
      '/auth/login',
      '/healthz',
      '/readyz',
    ]) {
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
  it('precaches what the board and the start page load, on demand too, but not the pages that need the server', () => {
    const chunk = (
      fileName: string,
      facade: string | null,
      more: Partial<{ isEntry: boolean; imports: string[]; dynamicImports: string[]; css: string[] }> = {},
    ) => ({
      type: 'chunk' as const,
      fileName,
      isEntry: more.isEntry ?? false,
      facadeModuleId: facade,
      imports: more.imports ?? [],
      dynamicImports: more.dynamicImports ?? [],
      viteMetadata: { importedCss: new Set(more.css ?? []), importedAssets: new Set<string>() },
    })
    const build = [
      chunk('assets/main.js', '/app/index.html', {
        isEntry: true,
        css: ['assets/main.css'],
        dynamicImports: ['assets/BoardPage.js', 'assets/IdeasPage.js', 'assets/DigestPage.js', 'assets/fi.js'],
      }),
      chunk('sw.js', '/app/client/src/service-worker/sw.ts', { isEntry: true }),
      chunk('assets/BoardPage.js', '/app/client/src/board/BoardPage.tsx', {
        imports: ['assets/shared.js'],
        dynamicImports: ['assets/PromoteDialog.js'],
      }),
      chunk('assets/PromoteDialog.js', '/app/client/src/promote/PromoteDialog.tsx', {
        imports: ['assets/StatusChip.js'],
      }),
      chunk('assets/IdeasPage.js', '/app/client/src/ideas/IdeasPage.tsx', {
        imports: ['assets/StatusChip.js', 'assets/list.js'],
        css: ['assets/ideas.css'],
      }),
      chunk('assets/DigestPage.js', '/app/client/src/digest/DigestPage.tsx', { css: ['assets/digest.css'] }),
      chunk('assets/fi.js', '/app/client/src/i18n/fi.json'),
      chunk('assets/shared.js', null),
      chunk('assets/StatusChip.js', null),
      chunk('assets/list.js', null),
      { type: 'asset' as const, fileName: 'index.html' },
      { type: 'asset' as const, fileName: 'assets/main.css' },
      { type: 'asset' as const, fileName: 'assets/ideas.css' },
      { type: 'asset' as const, fileName: 'assets/digest.css' },
    ]
    expect([...offlineFiles(build)].sort()).toEqual([
      'assets/BoardPage.js',
      'assets/PromoteDialog.js',
      'assets/StatusChip.js',
      'assets/fi.js',
      'assets/main.css',
      'assets/main.js',
      'assets/shared.js',
      'index.html',
    ])
    const manifest = shellManifest(
      build.map(({ fileName }) => ({ fileName, content: fileName })),
      offlineFiles(build),
    )
    expect(manifest.files).not.toContain('/assets/IdeasPage.js')
    expect(manifest.files[0]).toBe('/index.html')
    // Every file counts for the version, precached or not.
    const changed = build.map(({ fileName }) => ({
      fileName,
      content: fileName === 'assets/DigestPage.js' ? 'new' : fileName,
    }))
    expect(shellManifest(changed, offlineFiles(build)).version).not.toBe(manifest.version)
  })
})
