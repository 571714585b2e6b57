import { spawn, type ChildProcess } from 'node:child_process'
import net from 'node:net'
import { Redis } from 'ioredis'
import { eventually } from './poll.ts'

/**
 * A redis-server of the test's own on a free loopback port, without persistence, for tests
 * that kill and restart Redis (the machine's Redis is shared with other tests and people).
 */
export class OwnRedisServer {
  readonly port: number
  #process: ChildProcess | null = null

  private constructor(port: number) {
    this.port = port
  }

  static async start(): Promise<OwnRedisServer> {
    const server = new OwnRedisServer(await freePort())
    await server.restart()
    return server
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`
  }

  /** Starts (again) on the same port, empty. */
  async restart(): Promise<void> {
    if (this.#process) throw new Error('redis-server is running')
    const child = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--protected-mode',
        'no',
      ],
      { stdio: 'ignore' },
    )
    this.#process = child
    child.on('exit', () => {
      if (this.#process === child) this.#process = null
    })
    await eventually(
      async () => {
        const redis = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null })
        redis.on('error', () => undefined) // not up yet: polled again
        try {
          await redis.connect()
          return (await redis.ping()) === 'PONG'
        } finally {
          redis.disconnect()
        }
      },
      { timeoutMs: 10_000, intervalMs: 50 },
    )
  }

  /** kill -9: no goodbye to the clients, nothing saved. */
  async kill(): Promise<void> {
    const child = this.#process
    if (!child) return
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    child.kill('SIGKILL')
    await exited
  }
}

export async function redisServerInstalled(): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn('redis-server', ['--version'], { stdio: 'ignore' })
    child.on('error', () => resolve(false))
    child.on('exit', (code) => resolve(code === 0))
  })
}

export async function freePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}
