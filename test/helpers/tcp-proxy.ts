import net from 'node:net'

/**
 * A TCP proxy in the test process between a server under test and a real service, to break
 * the link without touching the service others use: `cut()` resets every connection and
 * refuses new ones (the service looks down), `stall()` stops forwarding without closing (the
 * service looks hung or far behind), `restore()` and `resume()` undo them.
 */
export class TcpProxy {
  readonly #server: net.Server
  readonly #pairs = new Set<[net.Socket, net.Socket]>()
  #cut = false
  #stalled = false

  private constructor(server: net.Server) {
    this.#server = server
  }

  static async start(targetHost: string, targetPort: number): Promise<TcpProxy> {
    const server = net.createServer()
    const proxy = new TcpProxy(server)
    server.on('connection', (client) => proxy.#accept(client, targetHost, targetPort))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return proxy
  }

  get port(): number {
    return (this.#server.address() as net.AddressInfo).port
  }

  /** `url` with its host and port replaced by this proxy's. */
  rewrite(url: string): string {
    const parsed = new URL(url)
    parsed.hostname = '127.0.0.1'
    parsed.port = String(this.port)
    return parsed.toString()
  }

  get connectionCount(): number {
    return this.#pairs.size
  }

  #accept(client: net.Socket, host: string, port: number): void {
    if (this.#cut) {
      client.resetAndDestroy()
      return
    }
    const upstream = net.connect(port, host)
    const pair: [net.Socket, net.Socket] = [client, upstream]
    this.#pairs.add(pair)
    const end = () => {
      this.#pairs.delete(pair)
      client.destroy()
      upstream.destroy()
    }
    // Errors end the pair; the side under test sees its connection drop, as it would for real.
    client.on('error', end)
    upstream.on('error', end)
    client.on('close', end)
    upstream.on('close', end)
    client.pipe(upstream)
    upstream.pipe(client)
    if (this.#stalled) {
      client.pause()
      upstream.pause()
    }
  }

  /** Resets every connection and refuses new ones. */
  cut(): void {
    this.#cut = true
    for (const [client, upstream] of [...this.#pairs]) {
      client.resetAndDestroy()
      upstream.destroy()
    }
    this.#pairs.clear()
  }

  restore(): void {
    this.#cut = false
  }

  /** Stops forwarding in both directions; the connections stay open. */
  stall(): void {
    this.#stalled = true
    for (const [client, upstream] of this.#pairs) {
      client.unpipe(upstream)
      upstream.unpipe(client)
      client.pause()
      upstream.pause()
    }
  }

  resume(): void {
    this.#stalled = false
    for (const [client, upstream] of this.#pairs) {
      client.pipe(upstream)
      upstream.pipe(client)
    }
  }

  async close(): Promise<void> {
    this.cut()
    await new Promise<void>((resolve) => this.#server.close(() => resolve()))
  }
}
