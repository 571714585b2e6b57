import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { CHUNK_REPORT_FILE, type ChunkReport } from '../../client/chunk-report.ts'

/** The board page's first script, which opens its connection before the app's entry runs. */
const EARLY_ENTRY = 'client/src/early.ts'
/** The first script, and the board page. */
const BOARD_MODULES = [EARLY_ENTRY, 'client/src/board/BoardPage.tsx']

/**
 * index.html for a board's address (`/b/:id`), with `<link rel="modulepreload">` for the board
 * page's chunk, the one that opens its connection early, and the chunks they import: the
 * browser fetches them beside the app's entry, rather than once the entry has run and asked
 * for them (issue 17, target 4: one round trip less before the board's code runs). And the
 * first script (client/src/early.ts) before the entry's: module scripts run in the page's
 * order, each once its own imports are in, so its few small modules open the board's
 * connection while the entry's many still load. Null when the build has no chunk list (or no
 * board chunk): the plain index.html is served then, and the entry opens the connection.
 */
export function boardPageHtml(distDir: string): string | null {
  let html: string
  let chunks: ChunkReport['chunks']
  try {
    html = readFileSync(join(distDir, 'index.html'), 'utf8')
    // The build's chunk report (client/chunk-report.ts), as bench:ship and the budget test read it.
    chunks = (JSON.parse(readFileSync(join(distDir, CHUNK_REPORT_FILE), 'utf8')) as ChunkReport).chunks
  } catch {
    return null // an older build, or none: nothing to add
  }
  const byFile = new Map(chunks.map((chunk) => [chunk.file, chunk]))
  const [early, page] = BOARD_MODULES.map((module) => chunks.find((chunk) => chunk.entry === module)?.file)
  const entryScript = /<script type="module"[^>]*><\/script>/.exec(html)
  if (!early || !page || !html.includes('</head>') || !entryScript) return null
  /** Preloads of a chunk and what it imports, breadth first (what is needed first comes first), each named once. */
  const named = new Set<string>()
  const preloads = (root: string, skipNamed: boolean): string => {
    const files: string[] = []
    const queue = [root]
    while (queue.length > 0) {
      const file = queue.shift() as string
      if (files.includes(file)) continue
      files.push(file)
      queue.push(...(byFile.get(file)?.imports ?? []))
    }
    return files
      .filter((file) => file !== early && !named.has(file) && !(skipNamed && html.includes(`/${file}"`)))
      .map((file) => {
        named.add(file)
        return `    <link rel="modulepreload" crossorigin href="/${file}">\n`
      })
      .join('')
  }
  // The first script and all its imports ahead of the entry (index.html preloads some of them
  // after the entry's script: twice is harmless, the browser loads a module once); the board
  // page's after everything.
  const first = `<script type="module" crossorigin src="/${early}"></script>\n${preloads(early, false)}    `
  const rest = preloads(page, true)
  return html.replace(entryScript[0], `${first}${entryScript[0]}`).replace('  </head>', `${rest}  </head>`)
}
