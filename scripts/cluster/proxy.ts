import http from 'node:http'
import net from 'node:net'
import type { AddressInfo } from 'node:net'

/**
 * A small reverse proxy for the local cluster demo and the cluster tests, standing in for
 * nginx: HTTP requests and WebSocket upgrades go round-robin to the backends; a backend that
 * refuses connections is skipped for a while and the next one is tried, so the clients of a
 * process that died reconnect to another one. Not meant for production (use nginx, see
 * docs/operations.md): no TLS, no timeouts tuning, bodies buffered in memory up to a cap.
 */
export interface ReverseProxyOptions {
  backends: readonly string[]
  port?: number
  host?: string
  /** How long a backend that refused a connection is left out. */
  downForMs?: number
}

export interface ReverseProxy {
  url: string
  port: number
  close(): Promise<void>
}

const MAX_BODY_BYTES = 2 * 1024 * 1024
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
])

interface Backend {
  host: string
  port: number
  downUntil: number
}

export async function startReverseProxy(options: ReverseProxyOptions): Promise<ReverseProxy> {
  if (options.backends.length === 0) throw new Error('no backends')
  const backends: Backend[] = options.backends.map((url) => {
    const parsed = new URL(url)
    return { host: parsed.hostname, port: Number(parsed.port || 80), downUntil: 0 }
  })
  const downForMs = options.downForMs ?? 2000
  let next = 0

  /** Backends to try for one request: round-robin, those marked down last. */
  function candidates(): Backend[] {
    const start = next++ % backends.length
    const ordered = [...backends.slice(start), ...backends.slice(0, start)]
    const now = Date.now()
    return [...ordered.filter((b) => b.downUntil <= now), ...ordered.filter((b) => b.downUntil > now)]
  }

  function connectToFirst(list: Backend[], onConnected: (socket: net.Socket) => void, onNone: () => void): void {
    const [backend, ...rest] = list
    if (!backend) return onNone()
    const socket = net.connect(backend.port, backend.host)
    socket.once('connect', () => {
      socket.removeAllListeners('error')
      onConnected(socket)
    })
    socket.once('error', () => {
      backend.downUntil = Date.now() + downForMs
      connectToFirst(rest, onConnected, onNone)
    })
  }

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        response.writeHead(413).end()
        request.destroy()
        return
      }
      chunks.push(chunk)
    })
    request.on('end', () => {
      const body = Buffer.concat(chunks)
      const headers: http.OutgoingHttpHeaders = {}
      for (const [name, value] of Object.entries(request.headers)) {
        if (!HOP_BY_HOP.has(name) && value !== undefined) headers[name] = value
      }
      headers['x-forwarded-for'] = forwardedFor(request)
      headers['content-length'] = String(body.length)
      connectToFirst(
        candidates(),
        (socket) => {
          const upstream = http.request(
            { createConnection: () => socket, method: request.method, path: request.url, headers },
            (reply) => {
              const replyHeaders = { ...reply.headers }
              for (const name of HOP_BY_HOP) delete replyHeaders[name]
              response.writeHead(reply.statusCode ?? 502, replyHeaders)
              reply.pipe(response)
            },
          )
          upstream.on('error', () => {
            if (!response.headersSent) response.writeHead(502).end('bad gateway')
            else response.destroy()
          })
          upstream.end(body)
        },
        () => response.writeHead(502).end('no backend available'),
      )
    })
  })

  server.on('upgrade', (request: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    client.on('error', () => client.destroy())
    connectToFirst(
      candidates(),
      (upstream) => {
        // Replay the upgrade request as it came, plus X-Forwarded-For, then splice the sockets.
        const lines = [`${request.method} ${request.url} HTTP/1.1`]
        for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
          if (request.rawHeaders[i]!.toLowerCase() === 'x-forwarded-for') continue
          lines.push(`${request.rawHeaders[i]}: ${request.rawHeaders[i + 1]}`)
        }
        lines.push(`X-Forwarded-For: ${forwardedFor(request)}`)
        upstream.write(`${lines.join('\r\n')}\r\n\r\n`)
        if (head.length > 0) upstream.write(head)
        upstream.on('error', () => client.destroy())
        client.on('close', () => upstream.destroy())
        upstream.on('close', () => client.destroy())
        upstream.pipe(client)
        client.pipe(upstream)
      },
      () => {
        client.end('HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
      },
    )
  })

  const openSockets = new Set<net.Socket>()
  server.on('connection', (socket) => {
    openSockets.add(socket)
    socket.on('close', () => openSockets.delete(socket))
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    async close() {
      for (const socket of openSockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

function forwardedFor(request: http.IncomingMessage): string {
  const previous = request.headers['x-forwarded-for']
  const address = request.socket.remoteAddress ?? ''
  return previous ? `${String(previous)}, ${address}` : address
}
