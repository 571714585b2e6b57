import { Redis } from 'ioredis'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { RedisRelay, type RedisRelayOptions } from '../../server/relay/redis/index.ts'
import { boardStreamKey } from '../../server/relay/redis/keys.ts'
import type { RelayHandlers, RelaySubscription } from '../../server/relay/types.ts'
import { decodeAwarenessUpdate, encodeAwarenessEntries } from '../../server/sync/messages.ts'
import { recordingLogger } from '../helpers/logger.ts'
import { eventually } from '../helpers/poll.ts'
import { OwnRedisServer, redisServerInstalled } from '../helpers/redis-server.ts'
import { deleteKeys, probeRedis, requireService, TEST_REDIS_URL, testKeyPrefix } from '../helpers/services.ts'
import { TcpProxy } from '../helpers/tcp-proxy.ts'

/** The relay on its own, two instances standing for two server processes. */
const redis = await probeRedis()
const runs = requireService(redis)
const canRestart = runs && (await redisServerInstalled())

interface Recorder {
  updates: number[][]
  awareness: Uint8Array[]
  resyncs: number
  queries: number
  handlers: RelayHandlers
}

function recorder(): Recorder {
  const record: Recorder = {
    updates: [],
    awareness: [],
    resyncs: 0,
    queries: 0,
    handlers: {
      onUpdate: (update) => record.updates.push([...update]),
      onAwareness: (update) => record.awareness.push(update),
      onResync: () => {
        record.resyncs += 1
      },
      onAwarenessQuery: () => {
        record.queries += 1
      },
    },
  }
  return record
}

describe.skipIf(!runs)(`Redis relay${runs ? '' : ` (skipped: ${redis.reason})`}`, () => {
  let prefix: string
  const relays: RedisRelay[] = []
  const proxies: TcpProxy[] = []

  beforeEach(() => {
    prefix = testKeyPrefix()
  })
  afterEach(async () => {
    await Promise.all(relays.splice(0).map((relay) => relay.close()))
    await Promise.all(proxies.splice(0).map((proxy) => proxy.close()))
    await deleteKeys(prefix)
  })

  async function connect(overrides: Partial<RedisRelayOptions> = {}): Promise<RedisRelay> {
    const relay = await RedisRelay.connect({
      url: TEST_REDIS_URL,
      keyPrefix: prefix,
      streamMaxLen: 1000,
      log: recordingLogger(),
      ...overrides,
    })
    relays.push(relay)
    return relay
  }

  async function proxied(): Promise<TcpProxy> {
    const url = new URL(TEST_REDIS_URL)
    const proxy = await TcpProxy.start(url.hostname, Number(url.port || 6379))
    proxies.push(proxy)
    return proxy
  }

  /** Publishes from `from` until `to` has received something: both readers are running. */
  async function warmUp(from: RelaySubscription, to: Recorder): Promise<void> {
    const before = to.updates.length
    from.publishUpdate(new Uint8Array([255]))
    await eventually(() => expect(to.updates.length).toBeGreaterThan(before))
  }

  it('relays updates to the other process in order, never back to the sender', async () => {
    const [a, b] = await Promise.all([connect(), connect()])
    const ra = recorder()
    const rb = recorder()
    const subA = await a.subscribe('boardone', ra.handlers)
    const subB = await b.subscribe('boardone', rb.handlers)
    for (let i = 0; i < 50; i++) subA.publishUpdate(new Uint8Array([i, i + 1]))
    subB.publishUpdate(new Uint8Array([200]))
    await eventually(() => expect(rb.updates).toHaveLength(50))
    expect(rb.updates).toEqual(Array.from({ length: 50 }, (_, i) => [i, i + 1]))
    await eventually(() => expect(ra.updates).toEqual([[200]]))
    expect(b.stats.updatesReceived).toBe(50)
  })

  it('keeps boards apart and starts a new subscriber at the stream end', async () => {
    const [a, b] = await Promise.all([connect(), connect()])
    const subA1 = await a.subscribe('boardone', recorder().handlers)
    const subA2 = await a.subscribe('boardtwo', recorder().handlers)
    // Entries written before b subscribes are not replayed to it (its load reads them).
    subA1.publishUpdate(new Uint8Array([1]))
    const counter = new Redis(TEST_REDIS_URL)
    try {
      await eventually(async () => expect(await counter.xlen(boardStreamKey(prefix, 'boardone'))).toBe(1))
      // The stream expires a day after its last renewal (renewed with appends, at most once a minute).
      const ttl = await counter.pttl(boardStreamKey(prefix, 'boardone'))
      expect(ttl).toBeGreaterThan(23 * 60 * 60 * 1000)
    } finally {
      counter.disconnect()
    }
    const r1 = recorder()
    const r2 = recorder()
    await b.subscribe('boardone', r1.handlers)
    await b.subscribe('boardtwo', r2.handlers)
    subA1.publishUpdate(new Uint8Array([2]))
    subA2.publishUpdate(new Uint8Array([3]))
    await eventually(() => {
      expect(r1.updates).toEqual([[2]])
      expect(r2.updates).toEqual([[3]])
    })
  })

  it('relays awareness to the other process, coalesced per client and capped in size', async () => {
    const a = await connect({ awareness: { maxMessageBytes: 1024 } })
    const b = await connect()
    const rb = recorder()
    const subA = await a.subscribe('boardone', recorder().handlers)
    await b.subscribe('boardone', rb.handlers)
    for (let clock = 1; clock <= 100; clock++) {
      subA.publishAwareness(
        encodeAwarenessEntries([{ clientId: 7, clock, json: JSON.stringify({ user: { name: 'Aino' }, clock }) }]),
      )
    }
    subA.publishAwareness(
      encodeAwarenessEntries([{ clientId: 8, clock: 1, json: JSON.stringify({ big: 'x'.repeat(2000) }) }]),
    )
    await eventually(() => {
      const entries = rb.awareness.flatMap((update) => decodeAwarenessUpdate(update))
      expect(entries.find((entry) => entry.clientId === 7)?.clock).toBe(100)
    })
    // A hundred moves in one moment went out as one message; the oversized state not at all.
    expect(rb.awareness.length).toBeLessThanOrEqual(2)
    expect(rb.awareness.flatMap((update) => decodeAwarenessUpdate(update)).some((entry) => entry.clientId === 8)).toBe(
      false,
    )
    expect(a.stats.awarenessDropped).toBe(1)
  })

  it('asks the processes already serving a board for their presence when it starts serving it', async () => {
    const [a, b] = await Promise.all([connect(), connect()])
    const ra = recorder()
    const rb = recorder()
    await a.subscribe('boardone', ra.handlers)
    // a's own query went out while nobody else was listening.
    await eventually(() => expect(a.stats.awarenessPublished).toBe(1))
    await b.subscribe('boardone', rb.handlers)
    await eventually(() => expect(ra.queries).toBe(1))
    expect(rb.queries).toBe(0)
    expect(rb.awareness).toHaveLength(0)
  })

  it('forces a resync when the stream was trimmed past a reader’s position', async () => {
    const proxy = await proxied()
    const a = await connect({ streamMaxLen: 10 })
    const b = await connect({ url: proxy.rewrite(TEST_REDIS_URL) })
    const ra = recorder()
    const rb = recorder()
    const subA = await a.subscribe('boardone', ra.handlers)
    await b.subscribe('boardone', rb.handlers)
    await warmUp(subA, rb)
    proxy.stall()
    for (let i = 0; i < 400; i++) subA.publishUpdate(new Uint8Array([i % 250]))
    const counter = new Redis(TEST_REDIS_URL)
    try {
      await eventually(async () => expect(await counter.xlen(boardStreamKey(prefix, 'boardone'))).toBeLessThan(300))
    } finally {
      counter.disconnect()
    }
    expect(rb.resyncs).toBe(0)
    proxy.resume()
    await eventually(() => {
      expect(b.stats.resyncs.trimmed).toBeGreaterThanOrEqual(1)
      expect(rb.resyncs).toBeGreaterThanOrEqual(1)
    })
  })

  it('owes a resync marker for an update it could not relay, and delivers it once Redis answers', async () => {
    const proxy = await proxied()
    const a = await connect({ url: proxy.rewrite(TEST_REDIS_URL) })
    // Here b must not take a, cut off for a while, for dead (which reloads too).
    const b = await connect({ deadAfterMs: 120_000 })
    const rb = recorder()
    const subA = await a.subscribe('boardone', recorder().handlers)
    await b.subscribe('boardone', rb.handlers)
    await warmUp(subA, rb)
    proxy.cut()
    await eventually(() => expect(a.ping()).rejects.toThrow())
    subA.publishUpdate(new Uint8Array([42]))
    await eventually(() => expect(a.stats.publishFailures).toBe(1))
    expect(rb.resyncs).toBe(0)
    proxy.restore()
    await eventually(
      () => {
        expect(b.stats.resyncs.marker).toBe(1)
        expect(rb.resyncs).toBe(1)
      },
      { timeoutMs: 15_000 },
    )
    expect(rb.updates).not.toContainEqual([42])
  })

  it('takes a process that stopped beating for dead once, reloading every board; again if it dies again', async () => {
    const proxy = await proxied()
    const fast = { heartbeatMs: 50, deadAfterMs: 400 }
    const a = await connect({ url: proxy.rewrite(TEST_REDIS_URL), ...fast })
    const b = await connect(fast)
    const [rb1, rb2] = [recorder(), recorder()]
    await b.subscribe('boardone', rb1.handlers)
    await b.subscribe('boardtwo', rb2.handlers)
    expect(a.stats.peersLost).toBe(0)

    proxy.cut()
    await eventually(() => expect(b.stats.peersLost).toBe(1))
    await eventually(() => expect([rb1.resyncs, rb2.resyncs]).toEqual([1, 1]))
    const beats = b.heartbeats
    await eventually(() => expect(b.heartbeats).toBeGreaterThan(beats + 10))
    expect(b.stats.peersLost).toBe(1)

    proxy.restore()
    await eventually(() => expect(a.heartbeats).toBeGreaterThan(0))
    const aBeats = a.heartbeats
    await eventually(() => expect(a.heartbeats).toBeGreaterThan(aBeats + 2))
    proxy.cut()
    await eventually(() => expect(b.stats.peersLost).toBe(2))
    await eventually(() => expect([rb1.resyncs, rb2.resyncs]).toEqual([2, 2]))
    expect(b.stats.resyncs['peer-lost']).toBe(4)
  })

  it('subscribes while Redis is unreachable, and resyncs the board once it answers', async () => {
    const proxy = await proxied()
    const a = await connect()
    const b = await connect({ url: proxy.rewrite(TEST_REDIS_URL) })
    const subA = await a.subscribe('boardone', recorder().handlers)
    proxy.cut()
    await eventually(() => expect(b.ping()).rejects.toThrow())
    const rb = recorder()
    await b.subscribe('boardone', rb.handlers)
    proxy.restore()
    await eventually(() => expect(rb.resyncs).toBe(1), { timeoutMs: 15_000 })
    expect(b.stats.resyncs.position).toBe(1)
    subA.publishUpdate(new Uint8Array([7]))
    await eventually(() => expect(rb.updates).toContainEqual([7]))
  })

  it.skipIf(!canRestart)('resyncs every board after Redis restarted, then relays again', async () => {
    const own = await OwnRedisServer.start()
    try {
      const a = await connect({ url: own.url })
      const b = await connect({ url: own.url })
      const ra = recorder()
      const rb = recorder()
      const subA = await a.subscribe('boardone', ra.handlers)
      await b.subscribe('boardone', rb.handlers)
      await warmUp(subA, rb)
      await own.kill()
      await own.restart()
      await eventually(
        () => {
          expect(b.stats.resyncs.restarted).toBe(1)
          expect(rb.resyncs).toBe(1)
          expect(ra.resyncs).toBe(1)
        },
        { timeoutMs: 15_000 },
      )
      subA.publishUpdate(new Uint8Array([9]))
      await eventually(() => expect(rb.updates).toContainEqual([9]))
    } finally {
      await own.kill()
    }
  })
})
