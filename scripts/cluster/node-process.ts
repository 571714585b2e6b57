import { spawn, type ChildProcess } from 'node:child_process'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** A Kokeileva server running as its own process (`node --import tsx server/main.ts`). */
export interface NodeProcess {
  /** http://<host>:<port> it listens on, from the process's own "ready" log line. */
  url: string
  child: ChildProcess
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<number | string>
  /** Sends a signal; resolves when the process has ended. */
  stop(signal?: NodeJS.Signals): Promise<number | string>
}

export interface SpawnNodeOptions {
  env: Record<string, string>
  /** Each log line of the process (pino JSON); by default they are dropped. */
  onLog?: (line: string) => void
  startTimeoutMs?: number
}

/**
 * Starts a server process and resolves once it listens: with a fixed PORT when /healthz
 * answers, with PORT=0 (a free port) from its "ready" log line, which needs LOG_LEVEL info.
 */
export async function spawnNode({ env, onLog, startTimeoutMs = 60_000 }: SpawnNodeOptions): Promise<NodeProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server', 'main.ts')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'))
  })
  const stderr: string[] = []
  child.stderr.on('data', (chunk: Buffer) => {
    stderr.push(chunk.toString())
  })
  const fixedPort = env.PORT && env.PORT !== '0' ? Number(env.PORT) : null
  const url = await new Promise<string>((resolve, reject) => {
    let settled = false
    const settle = (error: Error | null, value = '') => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      if (error) reject(error)
      else resolve(value)
    }
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      settle(new Error(`server did not start in ${startTimeoutMs} ms: ${stderr.join('')}`))
    }, startTimeoutMs)
    void exited.then((code) => settle(new Error(`server exited (${code}) before it was ready: ${stderr.join('')}`)))
    createInterface({ input: child.stdout }).on('line', (line) => {
      onLog?.(line)
      if (fixedPort !== null || !line.includes('Kokeileva is ready')) return
      try {
        const parsed = JSON.parse(line) as { listening?: string }
        if (parsed.listening) settle(null, parsed.listening)
      } catch {
        // Not a JSON log line (the hub token notice): not the one we wait for.
      }
    })
    if (fixedPort !== null) {
      // A known port: ready when it answers, whatever the log level.
      const base = `http://${env.HOST ?? '127.0.0.1'}:${fixedPort}`
      const poll = () => {
        if (settled) return
        fetch(`${base}/healthz`).then(
          (response) => (response.ok ? settle(null, base) : setTimeout(poll, 100)),
          () => setTimeout(poll, 100),
        )
      }
      poll()
    }
  })
  return {
    url,
    child,
    exited,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      return exited
    },
  }
}
