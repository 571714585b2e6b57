import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { describe, expect, it, onTestFinished } from 'vitest'
import { eventually } from '../helpers/poll.ts'
import { tempDataDir } from '../helpers/server.ts'

const ROOT = join(import.meta.dirname, '..', '..')

interface LogLine {
  level: number
  msg: string
  url?: string
  reqId?: string
  req?: { url: string }
}

const DEBUG = 20
const INFO = 30

/** Health probes every few seconds must not bury the log: their request lines are debug. */
describe('request logging', () => {
  it('logs /healthz and /readyz at debug and other requests at info', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: tempDataDir(), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'debug' },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    onTestFinished(() => void child.kill('SIGKILL'))
    const lines: LogLine[] = []
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('{')) lines.push(JSON.parse(line) as LogLine)
    })
    const ready = await eventually(
      () => {
        const line = lines.find((entry) => entry.msg === 'Kokeileva is ready')
        if (!line) throw new Error('not ready yet')
        return line
      },
      { timeoutMs: 20_000 },
    )
    for (const path of ['/healthz', '/readyz', '/api/time']) expect((await fetch(`${ready.url}${path}`)).ok).toBe(true)

    /** The level of each request's "incoming request" and "request completed" lines. */
    const levelsOf = (path: string) => {
      const incoming = lines.find((line) => line.msg === 'incoming request' && line.req?.url === path)
      const completed = lines.find((line) => line.msg === 'request completed' && line.reqId === incoming?.reqId)
      return [incoming?.level, completed?.level]
    }
    await eventually(() => expect(levelsOf('/api/time')).toEqual([INFO, INFO]))
    expect(levelsOf('/healthz')).toEqual([DEBUG, DEBUG])
    expect(levelsOf('/readyz')).toEqual([DEBUG, DEBUG])
  })
})
