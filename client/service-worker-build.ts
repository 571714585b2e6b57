import { createHash } from 'node:crypto'
import type { Plugin } from 'vite'

/** The service worker's entry name and the file it is built to (its scope is the site root). */
export const SERVICE_WORKER_ENTRY = 'sw'
export const SERVICE_WORKER_FILE = 'sw.js'

export interface ShellManifest {
  /** Changes with any byte of the build: the worker's cache name and the reason to update. */
  version: string
  /** Site paths of the build's files, index.html first. */
  files: string[]
}

/**
 * The app shell of a build: every output file (the worker itself, source maps and the build's
 * own reports under .vite/ aside), and a version hashed from their names and contents. Pages
 * and parts loaded with import() are chunks of their own, all precached: a board opened
 * offline can still open its panels.
 */
export function shellManifest(
  outputs: ReadonlyArray<{ fileName: string; content: string | Uint8Array }>,
): ShellManifest {
  const kept = outputs
    .filter(
      ({ fileName }) =>
        fileName !== SERVICE_WORKER_FILE && !fileName.endsWith('.map') && !fileName.startsWith('.vite/'),
    )
    .sort((a, b) =>
      a.fileName === 'index.html' ? -1 : b.fileName === 'index.html' ? 1 : a.fileName.localeCompare(b.fileName),
    )
  const hash = createHash('sha256')
  for (const { fileName, content } of kept) hash.update(fileName).update('\0').update(content).update('\0')
  return { version: hash.digest('hex').slice(0, 16), files: kept.map(({ fileName }) => `/${fileName}`) }
}

/**
 * Builds client/src/service-worker/sw.ts to /sw.js with this build's shell manifest in front
 * of it (`const KOKEILEVA_SHELL = …`), so that every deploy ships a worker of its own.
 */
export function serviceWorkerBuild(): Plugin {
  return {
    name: 'kokeileva:service-worker',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const worker = bundle[SERVICE_WORKER_FILE]
      if (!worker || worker.type !== 'chunk') return
      if (worker.imports.length > 0 || worker.dynamicImports.length > 0) {
        this.error(`${SERVICE_WORKER_FILE} must be one self-contained script, but imports ${worker.imports.join(', ')}`)
      }
      const manifest = shellManifest(
        Object.values(bundle).map((output) => ({
          fileName: output.fileName,
          content: output.type === 'chunk' ? output.code : output.source,
        })),
      )
      worker.code = `const KOKEILEVA_SHELL = ${JSON.stringify(manifest)};\n${worker.code}`
    },
  }
}
