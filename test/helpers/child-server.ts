import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { createInterface } from 'node:readline'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

export interface ChildServer {
  process: ChildProcess
  url: string
  syncUrl: string
  /** Resolves with the exit code (or signal) once the process ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  kill(signal?: NodeJS.Signals): void
}

/**
 * The real server as a separate process (`node --import tsx server/main.ts`), for crash and
 * shutdown tests. Resolves once it logged that it is ready. `port` (default 0: any free one)
 * for a process whose address must be known before it starts (a sign-in callback); `prefix`
 * runs it under another command.
 */
export async function startChildServer(
  dataDir: string,
  env: Record<string, string> = {},
  { port = 0, prefix = [] }: { port?: number; prefix?: string[] } = {},
): Promise<ChildServer> {
  // `prefix`: a command that runs the server, e.g. ['prlimit', '--fsize=…', '--'] for a file size limit.
  const command = [...prefix, process.execPath, '--import', 'tsx', 'server/main.ts']
  const child = spawn(command[0]!, command.slice(1), {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', ...env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  )
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout })
    const timer = setTimeout(() => reject(new Error(`server did not start in time: ${stderr}`)), 60_000)
    lines.on('line', (line) => {
      if (!line.startsWith('{')) return
      const entry = JSON.parse(line) as { msg?: string; url?: string }
      if (entry.msg === 'Kokeileva is ready' && entry.url) {
        clearTimeout(timer)
        resolve(entry.url)
      }
    })
    void exited.then(({ code }) => reject(new Error(`server exited (${code}) before it was ready: ${stderr}`)))
  })
  return {
    process: child,
    url,
    syncUrl: `${url.replace(/^http/, 'ws')}/sync`,
    exited,
    kill: (signal = 'SIGTERM') => void child.kill(signal),
  }
}

export interface ChildServerExit {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

/**
 * Starts the server as a child process that is expected to refuse to start, and resolves with
 * its exit and output once it has ended. A server that starts after all is killed and
 * reported as such (exit by SIGKILL, its "ready" line in stdout).
 */
export async function runChildServerToExit(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<ChildServerExit> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', ...env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString()
    if (stdout.includes('Kokeileva is ready')) child.kill('SIGKILL')
  })
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000)
  const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    // 'close', not 'exit': the output has been read to its end.
    child.once('close', (code, signal) => resolve({ code, signal })),
  )
  clearTimeout(timer)
  return { code, signal, stdout, stderr }
}
