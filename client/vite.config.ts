import react from '@vitejs/plugin-react'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import { chunkReport } from './chunk-report.ts'
import { serviceWorkerBuild, SERVICE_WORKER_ENTRY, SERVICE_WORKER_FILE } from './service-worker-build.ts'

const clientDir = fileURLToPath(new URL('.', import.meta.url))
const repoDir = fileURLToPath(new URL('..', import.meta.url))

/** Where `npm run dev` finds the API and sync server (scripts/dev.ts starts it there). */
const serverUrl = process.env['KOKEILEVA_DEV_SERVER'] ?? 'http://127.0.0.1:3000'

export default defineConfig({
  root: clientDir,
  plugins: [react(), chunkReport(repoDir), serviceWorkerBuild()],
  resolve: {
    alias: {
      '@shared': `${repoDir}shared`,
      // Yjs's console messages without lib0's colour machinery (src/lib/lib0-logging.ts).
      'lib0/logging': `${clientDir}src/lib/lib0-logging.ts`,
      // Yjs's string reading without a TextDecoder call per short string (src/lib/lib0-decoding.ts).
      'lib0/decoding': `${clientDir}src/lib/lib0-decoding.ts`,
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Konva and Yjs load with the board page only (a lazy route); what a board's first load
    // fetches is held to a budget by test/integration/bundle-budget.test.ts.
    chunkSizeWarningLimit: 700,
    // Nearly every browser the build targets knows <link rel="modulepreload">; one that does
    // not (Safari before 17) fetches those modules when they are imported, a little later.
    // The polyfill would be bytes of every first load for it.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      // The service worker is an entry of its own, built to /sw.js (its scope is the site root).
      // `early` is a board address's first script (src/early.ts), put in its page by the server.
      input: {
        main: `${clientDir}index.html`,
        early: `${clientDir}src/early.ts`,
        [SERVICE_WORKER_ENTRY]: `${clientDir}src/service-worker/sw.ts`,
      },
      output: {
        entryFileNames: (chunk) =>
          chunk.name === SERVICE_WORKER_ENTRY ? SERVICE_WORKER_FILE : 'assets/[name]-[hash].js',
      },
    },
  },
  server: {
    port: 5173,
    strictPort: true,
    // The client imports ../shared.
    fs: { allow: [repoDir] },
    proxy: {
      '/api': { target: serverUrl },
      '/healthz': { target: serverUrl },
      // The browser's Origin (the dev server) is kept, so the server sees a same-origin socket.
      '/sync': { target: serverUrl.replace(/^http/, 'ws'), ws: true },
    },
  },
})
