import type { Redis } from 'ioredis'
import type { Logger } from '../../sync/socket.ts'

export interface PeerWatchOptions {
  /** The sorted set of the deployment's processes (nodesKey). */
  key: string
  nodeId: string
  log: Logger
  /** How often this process beats and looks at the others. */
  heartbeatMs?: number
  /** A process whose last beat is older than this is taken for dead. */
  deadAfterMs?: number
  /**
   * Called once for every process found dead, and after this process itself was out of touch
   * so long that it may have missed a death (then with an empty list).
   */
  onPeersLost(nodeIds: readonly string[]): void
}

const HEARTBEAT_MS = 1000
const DEAD_AFTER_MS = 4000
/** Dead processes stay in the set this long, so that every live one notices them. */
const FORGET_AFTER_MS = 10 * 60 * 1000

/**
 * Beats into the set with Redis's clock, removes long-dead members, and returns the members
 * whose last beat is older than the dead-after limit (never the caller, who just beat).
 * KEYS[1] the set; ARGV: node id, dead after (ms), forget after (ms).
 */
const BEAT_SCRIPT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZADD', KEYS[1], now, ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[3]))
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
`

/**
 * Which processes of the deployment are alive. A process that dies between committing an
 * update to the database and relaying it (kill -9, out of memory, a lost host) leaves that
 * update in the database only: every other process serving the board would miss it for as
 * long as the board stays loaded, and so would their clients. So every process beats once a
 * second into one sorted set and reads the others' beats with it; a process silent for longer
 * than the limit is taken for dead, once, and the others reload the boards they serve from
 * storage. A process that stops cleanly leaves the set after its last relay, so only a crash
 * (or a process cut off from Redis) costs a reload.
 */
export class PeerWatch {
  readonly #connection: Redis
  readonly #options: PeerWatchOptions
  readonly #heartbeatMs: number
  readonly #deadAfterMs: number
  /** The dead members of the last beat, already reported. */
  #reported = new Set<string>()
  #lastBeatAt = 0
  #failing = false
  #timer: NodeJS.Timeout | null = null
  #stopped = false
  beats = 0

  constructor(connection: Redis, options: PeerWatchOptions) {
    this.#connection = connection
    this.#options = options
    this.#heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS
    this.#deadAfterMs = options.deadAfterMs ?? DEAD_AFTER_MS
  }

  /** Beats once now (the others know this process from the start), then every interval. */
  async start(): Promise<void> {
    await this.#beat()
  }

  async #beat(): Promise<void> {
    this.#timer = null
    if (this.#stopped) return
    try {
      const dead = (await this.#connection.eval(
        BEAT_SCRIPT,
        1,
        this.#options.key,
        this.#options.nodeId,
        String(this.#deadAfterMs),
        String(FORGET_AFTER_MS),
      )) as string[]
      this.beats += 1
      const outOfTouch = this.#lastBeatAt !== 0 && Date.now() - this.#lastBeatAt > FORGET_AFTER_MS
      this.#lastBeatAt = Date.now()
      if (this.#failing) this.#options.log.info({}, 'heartbeats reach Redis again')
      this.#failing = false
      this.#noticeDead(dead, outOfTouch)
    } catch (error) {
      if (!this.#failing) this.#options.log.warn({ err: error }, 'a heartbeat failed; retrying')
      this.#failing = true
    } finally {
      if (!this.#stopped) this.#timer = setTimeout(() => void this.#beat(), this.#heartbeatMs)
    }
  }

  #noticeDead(dead: readonly string[], outOfTouch: boolean): void {
    const lost = dead.filter((nodeId) => !this.#reported.has(nodeId))
    this.#reported = new Set(dead)
    if (lost.length > 0) {
      this.#options.log.warn({ nodes: lost }, 'a process stopped beating; its last updates may not have been relayed')
      this.#options.onPeersLost(lost)
    } else if (outOfTouch) {
      this.#options.log.warn({}, 'this process was out of touch with Redis for long')
      this.#options.onPeersLost([])
    }
  }

  /**
   * Stops beating; with `leave`, also leaves the set (call that after the last relay went out
   * on the same connection: the others then owe this process no reload).
   */
  async stop({ leave }: { leave: boolean }): Promise<void> {
    this.#stopped = true
    if (this.#timer) clearTimeout(this.#timer)
    if (!leave) return
    try {
      await this.#connection.zrem(this.#options.key, this.#options.nodeId)
    } catch (error) {
      // Redis is away: the others take this process for dead in a few seconds and reload.
      this.#options.log.debug({ err: error }, 'leaving the process set failed')
    }
  }
}
