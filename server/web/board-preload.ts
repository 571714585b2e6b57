import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { CHUNK_REPORT_FILE, type ChunkReport } from '../../client/chunk-report.ts'

/** The board page, and the code that opens its connection before it (client/src/main.tsx). */
const BOARD_MODULES = ['client/src/board/BoardPage.tsx', 'client/src/board/open-early.ts']

/**
 * index.html for a board's address (`/b/:id`), with `<link rel="modulepreload">` for the board
 * page's chunk, the one that opens its connection early, and the chunks they import: the
 * browser fetches them beside the app's entry, rather than once the entry has run and asked
 * for them (issue 17, target 4: one round trip less before the board's code runs). Null when the build has no chunk list (or no board
 * chunk): the plain index.html is served then.
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
  const board = BOARD_MODULES.map((module) => chunks.find((chunk) => chunk.entry === module)?.file)
  if (!board.every((file) => file !== undefined) || !html.includes('</head>')) return null
  // The board's chunks first, then what they import, breadth first: what is needed first comes first.
  const files: string[] = []
  const queue: string[] = [...board]
  while (queue.length > 0) {
    const file = queue.shift() as string
    if (files.includes(file)) continue
    files.push(file)
    queue.push(...(byFile.get(file)?.imports ?? []))
  }
  const links = files
    .filter((file) => !html.includes(`/${file}"`)) // the entry and what index.html preloads already
    .map((file) => `    <link rel="modulepreload" crossorigin href="/${file}">\n`)
    .join('')
  return html.replace('</head>', `${links}  </head>`)
}
