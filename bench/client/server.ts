import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BoardCreated } from '@shared/api/boards.ts'
import { createBoardVia } from '../../test/helpers/server.ts'
import { startKokeileva } from '../sync/servers.ts'

export interface ClientBenchServer {
  /** http://127.0.0.1:<port> */
  url: string
  /** ws://127.0.0.1:<port>/sync */
  syncUrl: string
  createBoard(title: string, template?: string): Promise<BoardCreated>
  close(): Promise<void>
}

/**
 * The server the browser benchmarks open boards on: the built server in a process of its
 * own, as `npm start` runs it, serving the built web app (dist/client, built by the caller's
 * currentBuild()). Not in the benchmark's process: there Playwright's driver receives every
 * frame of the page's sockets (a 10,000-note board's 2.3 MB, as base64 JSON) and the seeding
 * client holds its copy of the board, and the server's answers waited behind both — 100 to
 * 300 ms at random in a first render (issue 17, target 4).
 */
export async function startClientBenchServer(env: Record<string, string> = {}): Promise<ClientBenchServer> {
  const workDir = mkdtempSync(join(tmpdir(), 'kokeileva-bench-client-'))
  const server = await startKokeileva({
    dataDir: join(workDir, 'data'),
    logFile: join(workDir, 'server.log'),
    env: { LOG_LEVEL: 'warn', ...env },
  })
  return {
    url: server.httpUrl,
    syncUrl: server.syncUrl,
    createBoard: (title, template) => createBoardVia(server.httpUrl, title, template),
    async close() {
      await server.stop()
      rmSync(workDir, { recursive: true, force: true })
    },
  }
}
