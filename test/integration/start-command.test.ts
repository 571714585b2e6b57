import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { describe, expect, it, onTestFinished } from 'vitest'
import { eventually } from '../helpers/poll.ts'
import { tempDataDir } from '../helpers/server.ts'

const ROOT = join(import.meta.dirname, '..', '..')

interface LogLine {
  msg?: string
  pid?: number
  url?: string
  signal?: string
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** The parent pid and the command line of a process, from /proc. */
function processInfo(pid: number): { parent: number; argv: string[] } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
  const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean)
  return { parent, argv }
}

/** `npm start` as an operator (or systemd, or a container runtime) runs it. dist/ is current (global setup). */
describe('npm start', () => {
  it('runs the built server with plain node, keeps the hub token out of the log, and shuts down cleanly on SIGTERM to npm', async () => {
    const dataDir = tempDataDir()
    const npm = spawn('npm', ['start'], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    onTestFinished(() => void npm.kill('SIGKILL'))
    const npmExited = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)))
    let output = ''
    const lines: LogLine[] = []
    npm.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    createInterface({ input: npm.stdout }).on('line', (line) => {
      output += `${line}\n`
      if (line.startsWith('{')) lines.push(JSON.parse(line) as LogLine)
    })

    const ready = await eventually(
      () => {
        const line = lines.find((entry) => entry.msg === 'Kokeileva is ready')
        if (!line) throw new Error(`not ready yet: ${output}`)
        return line
      },
      { timeoutMs: 60_000 },
    )
    const serverPid = ready.pid!
    onTestFinished(() => {
      if (alive(serverPid)) process.kill(serverPid, 'SIGKILL')
    })

    // npm's own child is the server: no shell in between to swallow the signal, no loader.
    const server = processInfo(serverPid)
    expect(server.parent).toBe(npm.pid)
    expect(server.argv.slice(1)).toEqual(['scripts/start.mjs'])

    const page = await fetch(`${ready.url}/`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<div id="root"></div>')

    // The hub token was generated, and only its file is named.
    const hubToken = readFileSync(join(dataDir, 'hub-token'), 'utf8').trim()
    expect(output).not.toContain(hubToken)
    expect(output).toContain(`cat ${join(dataDir, 'hub-token')}`)

    npm.kill('SIGTERM')
    expect(await npmExited).toBe(0)
    await eventually(() => !alive(serverPid))
    expect(lines.find((entry) => entry.msg === 'shut down cleanly')).toMatchObject({
      pid: serverPid,
      signal: 'SIGTERM',
    })
  }, 90_000)
})
