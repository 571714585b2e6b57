import { isAbsolute, relative } from 'node:path'
import type { Plugin } from 'vite'

/** Where the build writes its chunk report: under .vite/, which the server does not serve. */
export const CHUNK_REPORT_FILE = '.vite/chunks.json'

/** One JavaScript chunk of the build, as the chunk report lists it. */
export interface ReportedChunk {
  /** The file under the build directory (`assets/BoardPage-….js`). */
  file: string
  /** The module the chunk is the entry of, relative to the repository (`client/src/board/BoardPage.tsx`), or null for a shared chunk. */
  entry: string | null
  isEntry: boolean
  isDynamicEntry: boolean
  /** Chunks this one imports statically: they load with it. */
  imports: string[]
  /** Chunks it imports with `import()`: they load when asked for. */
  dynamicImports: string[]
  /** The CSS files that load with it. */
  css: string[]
  /** The modules bundled into it, relative to the repository (`node_modules/konva/lib/Node.js`), with their bytes in the chunk. */
  modules: Record<string, number>
}

export interface ChunkReport {
  chunks: ReportedChunk[]
}

/**
 * Writes dist/client/.vite/chunks.json: every chunk of the build with the modules in it, what
 * it imports and its CSS. bench/ship and test/integration/bundle-budget.test.ts read it to
 * compute what a page's first load fetches (scripts/build/first-load.ts). Vite's own
 * manifest names chunks but not the modules inside them, which the budget test checks.
 */
export function chunkReport(repoDir: string): Plugin {
  const name = (id: string | null): string | null => {
    if (id === null) return null
    const path = id.replace(/\?.*$/, '')
    // Virtual modules (`\0vite/preload-helper.js`) keep their names.
    return isAbsolute(path) ? relative(repoDir, path).replace(/\\/g, '/') : path.replace(/^\0/, '')
  }
  return {
    name: 'kokeileva:chunk-report',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks: ReportedChunk[] = []
      for (const output of Object.values(bundle)) {
        if (output.type !== 'chunk') continue
        const modules: Record<string, number> = {}
        for (const [id, info] of Object.entries(output.modules)) {
          const module = name(id)
          if (module !== null) modules[module] = info.renderedLength
        }
        chunks.push({
          file: output.fileName,
          entry: name(output.facadeModuleId),
          isEntry: output.isEntry,
          isDynamicEntry: output.isDynamicEntry,
          imports: [...output.imports],
          dynamicImports: [...output.dynamicImports],
          css: [...(output.viteMetadata?.importedCss ?? [])],
          modules,
        })
      }
      chunks.sort((a, b) => a.file.localeCompare(b.file))
      this.emitFile({
        type: 'asset',
        fileName: CHUNK_REPORT_FILE,
        source: `${JSON.stringify({ chunks } satisfies ChunkReport, null, 1)}\n`,
      })
    },
  }
}
