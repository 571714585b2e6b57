import { spawn, type ChildProcess } from 'node:child_process'
import { CLIENT_CONFIG } from './build/client.ts'
import { REPO_DIR } from './build/source-hash.mjs'

/**
 * `npm run dev`: the server (restarted by tsx on change) and Vite with hot reload in front of
 * it. Open http://localhost:5173 — share links point there too (PUBLIC_URL), and Vite
 * proxies /api and /sync to the server, keeping the page's Origin, so the sync endpoint sees
 * a same-origin socket.
 */
const SERVER_PORT = process.env['PORT'] ?? '3000'
const DEV_ORIGIN = 'http://localhost:5173'

const children: ChildProcess[] = []
const server = spawn(process.execPath, ['--import', 'tsx', '--watch', 'server/main.ts'], {
  cwd: REPO_DIR,
  stdio: 'inherit',
  env: {
    ...process.env,
    PORT: SERVER_PORT,
    PUBLIC_URL: process.env['PUBLIC_URL'] ?? DEV_ORIGIN,
    ALLOWED_ORIGINS: process.env['ALLOWED_ORIGINS'] ?? DEV_ORIGIN,
  },
})
children.push(server)

process.env['KOKEILEVA_DEV_SERVER'] = `http://127.0.0.1:${SERVER_PORT}`
const { createServer } = await import('vite')
const vite = await createServer({ configFile: CLIENT_CONFIG })
await vite.listen()
vite.printUrls()

const stop = async () => {
  for (const child of children) child.kill('SIGTERM')
  await vite.close()
  process.exit(0)
}
process.on('SIGINT', () => void stop())
process.on('SIGTERM', () => void stop())
server.on('exit', (code) => {
  if (code !== null && code !== 0) process.stderr.write(`The server exited with ${code}.\n`)
})
