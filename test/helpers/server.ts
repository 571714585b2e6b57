import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import { onTestFinished } from 'vitest'
import { buildApp, type App, type AppOptions } from '../../server/app.ts'
import { loadConfig } from '../../server/boot.ts'
import type { BoardCreated } from '@shared/api/boards.ts'

export interface TestServer {
  app: App
  /** http://127.0.0.1:<port> */
  url: string
  /** ws://127.0.0.1:<port>/sync, the y-websocket server URL (the board id is appended). */
  syncUrl: string
  dataDir: string
  createBoard(title?: string, template?: string): Promise<BoardCreated>
  close(): Promise<void>
}

/**
 * A fresh directory for a server's data. Made inside a test, it is removed when that test
 * has finished (a test that restarts a server on it keeps it until then, also when it fails
 * midway); elsewhere (a benchmark) when the process exits.
 */
export function tempDataDir(prefix = 'kokeileva-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  const remove = () => rmSync(dir, { recursive: true, force: true })
  try {
    onTestFinished(remove)
  } catch {
    process.once('exit', remove) // not inside a test
  }
  return dir
}

export type StartServerOptions = AppOptions & {
  dataDir?: string
  keepDataDir?: boolean
  /** Listen on this port (to restart a server where clients expect it). */ port?: number
}

/** A real server on an ephemeral loopback port with its own SQLite file. */
export async function startServer(
  env: Record<string, string> = {},
  options: StartServerOptions = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? tempDataDir()
  const { config } = loadConfig({ LOG_LEVEL: 'silent', ...env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' })
  const app = await buildApp(config, options)
  await app.listen({ port: options.port ?? 0, host: '127.0.0.1' })
  const { port } = app.server.address() as AddressInfo
  const url = `http://127.0.0.1:${port}`
  return {
    app,
    url,
    syncUrl: `ws://127.0.0.1:${port}/sync`,
    dataDir,
    createBoard: (title = 'Test board', template?: string) => createBoardVia(url, title, template),
    async close() {
      await app.close()
      if (!options.keepDataDir && !options.dataDir) rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export async function createBoardVia(url: string, title: string, template?: string): Promise<BoardCreated> {
  const response = await fetch(`${url}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(template ? { title, template } : { title }),
  })
  if (response.status !== 201) throw new Error(`creating a board failed: ${response.status} ${await response.text()}`)
  return (await response.json()) as BoardCreated
}
