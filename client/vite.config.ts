import react from '@vitejs/plugin-react'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

const clientDir = fileURLToPath(new URL('.', import.meta.url))
const repoDir = fileURLToPath(new URL('..', import.meta.url))

/** Where `npm run dev` finds the API and sync server (scripts/dev.ts starts it there). */
const serverUrl = process.env['KOKEILEVA_DEV_SERVER'] ?? 'http://127.0.0.1:3000'

export default defineConfig({
  root: clientDir,
  plugins: [react()],
  resolve: { alias: { '@shared': `${repoDir}shared` } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Konva and Yjs load with the board page only (a lazy route).
    chunkSizeWarningLimit: 700,
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
