import * as decoding from 'lib0/decoding'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import { countNotes, createNote, getNoteMap, updateNote } from '@shared/board/index.ts'
import { ProbeClient } from './probe-client.ts'
import { HocuspocusProbe, hocuspocusUpdateOf } from './peers/hocuspocus-probe.ts'
import { round, Samples, type LatencySummary } from './stats.ts'

/**
 * The load generator's workload: real y-websocket clients (WebsocketProvider over `ws`), each
 * moving its own note at a fixed rate, measuring how long every move takes to reach every
 * other client of its board. One process, one clock (performance.now()).
 *
 * Servers are a list: client i (counted over all boards) connects to servers[i % n], so the
 * same workload can spread one board's clients over several server processes.
 */
export interface WorkloadConfig {
  name: string
  /** y-websocket server URLs (what WebsocketProvider takes; the room name is appended). */
  servers: string[]
  /**
   * The servers' protocol: y-websocket (WebsocketProvider, ProbeClient) or Hocuspocus
   * (HocuspocusProvider, HocuspocusProbe). Default y-websocket.
   */
  protocol?: 'y-websocket' | 'hocuspocus'
  /** One entry per board: its room name and the token to send as ?token= (if any). */
  boards: Array<{ room: string; token?: string }>
  clientsPerBoard: number
  /**
   * How many of each board's clients are full replicas (WebsocketProvider + Y.Doc that
   * integrates every update); the rest are ProbeClients. Defaults to all of them.
   */
  providersPerBoard?: number
  /** Moves per client per second. */
  rateHz: number
  warmupMs: number
  measureMs: number
  /** How long to wait after the window for the last moves to arrive everywhere. */
  drainTimeoutMs: number
  /** Clients connecting at once while the workload is set up. */
  connectConcurrency: number
  /**
   * Return every latency sample (WorkloadResult.samples), for a runner that merges several
   * generators' deliveries into exact percentiles (split-drive.ts).
   */
  keepSamples?: boolean
}

export interface WorkloadHooks {
  /**
   * Set up, about to start moving notes: resolves when the load may start (several
   * generators then start theirs together, and their windows line up).
   */
  beforeLoad?(): Promise<void>
  /** Measurement starts now (the caller samples server CPU). */
  onWindowStart?(): void
  onWindowEnd?(): void
  log?: (line: string) => void
}

export interface WorkloadResult {
  name: string
  boards: number
  clientsPerBoard: number
  clients: number
  servers: number
  rateHz: number
  warmupMs: number
  measureMs: number
  setupMs: number
  /** Moves sent inside the measurement window. */
  sent: number
  /** Achieved moves per client per second in the window (below rateHz: the generator lagged). */
  achievedRateHz: number
  /** sent × (clients of the board − 1). */
  expectedDeliveries: number
  delivered: number
  deliveredShare: number
  /** Moves a client never saw on its own because a later move of the same note arrived first. */
  superseded: number
  latency: LatencySummary
  /** The same deliveries split by the kind of receiving client. */
  latencyByReceiver: { provider: LatencySummary; probe: LatencySummary }
  providersPerBoard: number
  /** Updates a client could not match byte for byte with a move (merged, or not a move) and decoded. */
  decodedUpdates: number
  /** Every client ended with every note at its owner's last position. */
  converged: boolean
  /** Connections that dropped during the run (y-websocket reconnects on its own). */
  disconnects: number
  generator: { cpuPercent: number; eventLoopDelayP99Ms: number; eventLoopDelayMaxMs: number }
  /** Every delivery's latency (ms) by the kind of receiving client, with config.keepSamples only. */
  samples?: { provider: number[]; probe: number[] }
}

interface BoardRun {
  index: number
  clients: BenchClient[]
  /** sendTimes[owner][seq]: performance.now() when the owner made move seq; 0 = not sent. */
  sendTimes: Float64Array[]
  /** Every move's update bytes (latin1) → its owner and move number, for probes. */
  moves: Map<string, Move>
  /** Yjs client id → owner index, for decoding an update a probe could not match. */
  ownerByClientId: Map<number, number>
}

interface Move {
  owner: number
  seq: number
}

interface BenchClient {
  kind: 'provider' | 'probe'
  board: BoardRun
  index: number
  noteId: string
  doc: Y.Doc
  seq: number
  /** lastSeen[owner]: the highest move of that owner this client has seen. */
  lastSeen: Int32Array
  timer: NodeJS.Timeout | null
  readonly synced: boolean
  /** Notes this client has integrated (probes integrate only their own). */
  noteCount(): number
  destroy(): void
}

/** The payload of a sync "update" message (type 0, sync type 2), else null. */
function updateOf(message: Uint8Array): Uint8Array | null {
  const decoder = decoding.createDecoder(message)
  if (decoding.readVarUint(decoder) !== 0 || decoding.readVarUint(decoder) !== 2) return null
  return decoding.readVarUint8Array(decoder)
}

const noteId = (board: number, client: number) => `bench-b${board}-c${client}`
const bytesKey = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')

/**
 * The moves in an update whose bytes a probe did not recognise (a server may merge several
 * clients' updates into one message). A move writes x = its move number (a positive integer)
 * and a y that is never an integer; note creation writes other integers, which are filtered
 * out by deliver() because no move with that number was sent yet.
 */
function decodeMoves(update: Uint8Array, board: BoardRun): Move[] {
  const moves: Move[] = []
  for (const struct of Y.decodeUpdate(update).structs) {
    if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentAny)) continue
    const owner = board.ownerByClientId.get(struct.id.client)
    const seq: unknown = struct.content.arr[0]
    if (owner !== undefined && typeof seq === 'number' && Number.isInteger(seq)) moves.push({ owner, seq })
  }
  return moves
}

export async function runWorkload(config: WorkloadConfig, hooks: WorkloadHooks = {}): Promise<WorkloadResult> {
  const log = hooks.log ?? (() => undefined)
  const setupStarted = performance.now()
  const period = 1000 / config.rateHz
  const maxSeq = Math.ceil(((config.warmupMs + config.measureMs) / 1000) * config.rateHz) + 16
  let windowStart = Number.POSITIVE_INFINITY
  let windowEnd = Number.POSITIVE_INFINITY
  let sent = 0
  let delivered = 0
  let superseded = 0
  let disconnects = 0
  let ready = false
  const latencies = new Samples()

  const providersPerBoard = Math.min(config.providersPerBoard ?? config.clientsPerBoard, config.clientsPerBoard)
  const latencyByKind = { provider: new Samples(), probe: new Samples() }
  let decodedUpdates = 0
  const boards: BoardRun[] = config.boards.map((_, index) => ({
    index,
    clients: [],
    sendTimes: Array.from({ length: config.clientsPerBoard }, () => new Float64Array(maxSeq)),
    moves: new Map(),
    ownerByClientId: new Map(),
  }))

  /** A receiver saw an owner's move. */
  const deliver = (client: BenchClient, owner: number, seq: number, now: number): void => {
    if (owner === client.index || !(owner >= 0 && owner < config.clientsPerBoard) || seq <= 0) return
    const board = client.board
    const sentAt = board.sendTimes[owner]?.[seq] ?? 0
    if (sentAt === 0) return // not a move that was made (see decodeMoves)
    const last = client.lastSeen[owner] ?? -1
    if (seq <= last) return
    client.lastSeen[owner] = seq
    for (let skipped = last + 1; skipped < seq; skipped++) {
      if ((board.sendTimes[owner]?.[skipped] ?? 0) >= windowStart) superseded++
    }
    if (sentAt >= windowStart && sentAt < windowEnd) {
      delivered++
      latencies.add(now - sentAt)
      latencyByKind[client.kind].add(now - sentAt)
    }
  }

  /** An update message reached a client: which moves does it carry? */
  const receiveUpdate = (client: BenchClient, update: Uint8Array, now: number): void => {
    const board = client.board
    const move = board.moves.get(bytesKey(update))
    if (move) {
      deliver(client, move.owner, move.seq, now)
    } else {
      decodedUpdates++
      for (const decoded of decodeMoves(update, board)) deliver(client, decoded.owner, decoded.seq, now)
    }
  }

  const makeClient = (board: BoardRun, index: number, globalIndex: number): BenchClient => {
    const target = config.boards[board.index]
    if (!target) throw new Error('no such board')
    const serverUrl = config.servers[globalIndex % config.servers.length]
    if (!serverUrl) throw new Error('no servers given')
    const params: Record<string, string> = target.token ? { token: target.token } : {}
    const common = {
      board,
      index,
      noteId: noteId(board.index, index),
      seq: 0,
      lastSeen: new Int32Array(config.clientsPerBoard).fill(-1),
      timer: null,
    }
    let client: BenchClient
    if (index < providersPerBoard && config.protocol === 'hocuspocus') {
      const doc = new Y.Doc()
      // One socket per client, as a browser tab has (the provider can share one between documents).
      const socket = new HocuspocusProviderWebsocket({
        url: serverUrl,
        WebSocketPolyfill: WebSocket,
        maxDelay: 1000,
      })
      const provider = new HocuspocusProvider({ websocketProvider: socket, name: target.room, document: doc })
      provider.attach()
      provider.on('disconnect', () => {
        if (ready) disconnects++
      })
      client = {
        ...common,
        kind: 'provider',
        doc,
        get synced() {
          return provider.isSynced
        },
        noteCount: () => countNotes(doc),
        destroy() {
          provider.destroy()
          socket.destroy()
          doc.destroy()
        },
      }
      const receiver = client
      // Every message, as it arrives and before the provider applies it (as for y-websocket below).
      provider.on('message', ({ event }: { event: MessageEvent }) => {
        const update = hocuspocusUpdateOf(new Uint8Array(event.data as ArrayBuffer))
        if (update) receiveUpdate(receiver, update, performance.now())
      })
    } else if (index < providersPerBoard) {
      const doc = new Y.Doc()
      const provider = new WebsocketProvider(serverUrl, target.room, doc, {
        params,
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
        maxBackoffTime: 1000,
      })
      provider.on('connection-close', () => {
        if (ready) disconnects++
      })
      client = {
        ...common,
        kind: 'provider',
        doc,
        get synced() {
          return provider.synced
        },
        noteCount: () => countNotes(doc),
        destroy() {
          provider.destroy()
          doc.destroy()
        },
      }
      const receiver = client
      // The receiving side: every update message, as it arrives (the provider integrates it in
      // its own listener, registered first; the final state is checked after the run).
      provider.on('status', ({ status }) => {
        if (status !== 'connected' || !provider.ws) return
        provider.ws.addEventListener('message', (event: MessageEvent) => {
          const update = updateOf(new Uint8Array(event.data as ArrayBuffer))
          if (update) receiveUpdate(receiver, update, performance.now())
        })
      })
    } else {
      let receiver: BenchClient | null = null
      const onUpdate = (update: Uint8Array) => {
        if (receiver) receiveUpdate(receiver, update, performance.now())
      }
      const probe =
        config.protocol === 'hocuspocus'
          ? new HocuspocusProbe(serverUrl, target.room, onUpdate)
          : new ProbeClient(serverUrl, target.room, params, onUpdate)
      client = {
        ...common,
        kind: 'probe',
        doc: probe.doc,
        get synced() {
          return probe.synced
        },
        noteCount: () => countNotes(probe.doc),
        destroy() {
          // A probe does not reconnect: any close before the end is a lost connection.
          disconnects += probe.closes
          probe.destroy()
        },
      }
      receiver = client
    }
    board.ownerByClientId.set(client.doc.clientID, index)
    // Remember each move's exact bytes, so that probes recognise it without decoding.
    client.doc.on('update', (update: Uint8Array, _origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
      if (transaction.local && client.seq > 0) board.moves.set(bytesKey(update), { owner: index, seq: client.seq })
    })
    return client
  }

  // ---- setup: connect, sync, each client creates its note, everyone sees every note ----------
  const clients: BenchClient[] = []
  let globalIndex = 0
  for (let index = 0; index < config.clientsPerBoard; index++) {
    for (const board of boards) {
      const client = makeClient(board, index, globalIndex++)
      board.clients.push(client)
      clients.push(client)
      if (clients.length % config.connectConcurrency === 0)
        await waitFor(() => clients.every((c) => c.synced), 60_000, 'clients to sync')
    }
  }
  await waitFor(() => clients.every((c) => c.synced), 60_000, 'clients to sync')
  log(`${clients.length} clients synced`)
  for (const client of clients) {
    createNote(client.doc, {
      id: client.noteId,
      x: 0,
      y: 200 * client.index + 0.5,
      color: '#fde68a',
      zone: null,
      authorId: `bench-${client.index}`,
      authorName: `Bench ${client.index}`,
    })
  }
  // Full replicas must hold every note of their board; a probe holds only its own.
  await waitFor(
    () => clients.every((c) => c.noteCount() >= (c.kind === 'provider' ? config.clientsPerBoard : 1)),
    60_000,
    'every client to see every note',
  )
  const setupMs = performance.now() - setupStarted
  log(`setup done in ${Math.round(setupMs)} ms`)
  await hooks.beforeLoad?.()
  ready = true

  // ---- load: every client moves its note at rateHz, phases spread evenly -----------------------
  const move = (client: BenchClient): void => {
    if (performance.now() >= windowEnd) return
    const seq = ++client.seq
    if (seq >= maxSeq) return
    const now = performance.now()
    client.board.sendTimes[client.index]![seq] = now
    if (now >= windowStart) sent++
    // One transaction, one update message: the note's new position (x carries the move number).
    // y is never an integer, so that a decoded update tells x from y (see decodeMoves).
    updateNote(client.doc, client.noteId, { x: seq, y: 200 * client.index + (seq % 2) * 10 + 0.5 })
  }
  const loadStart = performance.now()
  clients.forEach((client, i) => {
    const phase = (i / clients.length) * period
    client.timer = setTimeout(() => {
      move(client)
      client.timer = setInterval(() => move(client), period)
    }, phase)
  })

  await sleep(config.warmupMs - (performance.now() - loadStart))
  const loopDelay = monitorEventLoopDelay({ resolution: 10 })
  loopDelay.enable()
  const cpuStart = process.cpuUsage()
  windowStart = performance.now()
  hooks.onWindowStart?.()
  log('measuring')
  await sleep(config.measureMs)
  windowEnd = performance.now()
  hooks.onWindowEnd?.()
  const cpu = process.cpuUsage(cpuStart)
  loopDelay.disable()
  for (const client of clients) if (client.timer) clearInterval(client.timer)

  // ---- drain: wait for the last moves to arrive everywhere -------------------------------------
  const expectedDeliveries = sent * (config.clientsPerBoard - 1)
  await waitFor(() => delivered + superseded >= expectedDeliveries, config.drainTimeoutMs, 'the last moves').catch(
    () => {
      log(`drain timed out: ${delivered}/${expectedDeliveries} delivered`)
    },
  )
  // Providers must hold every note at its owner's last position; probes must have seen every last move.
  const converged = boards.every((board) =>
    board.clients.every((client) =>
      board.clients.every((owner) => {
        if (owner === client) return true
        if (client.kind === 'probe') return client.lastSeen[owner.index] === owner.seq
        const x = getNoteMap(client.doc, owner.noteId)?.get('x')
        return x === owner.seq
      }),
    ),
  )

  ready = false
  for (const client of clients) client.destroy()

  const windowMs = windowEnd - windowStart
  return {
    name: config.name,
    boards: boards.length,
    clientsPerBoard: config.clientsPerBoard,
    clients: clients.length,
    servers: config.servers.length,
    rateHz: config.rateHz,
    warmupMs: config.warmupMs,
    measureMs: Math.round(windowMs),
    setupMs: Math.round(setupMs),
    sent,
    achievedRateHz: round(sent / clients.length / (windowMs / 1000)),
    expectedDeliveries,
    delivered,
    deliveredShare: expectedDeliveries ? delivered / expectedDeliveries : 1,
    superseded,
    latency: latencies.summary(),
    latencyByReceiver: { provider: latencyByKind.provider.summary(), probe: latencyByKind.probe.summary() },
    providersPerBoard,
    decodedUpdates,
    converged,
    disconnects,
    generator: {
      cpuPercent: round(((cpu.user + cpu.system) / 1000 / windowMs) * 100, 1),
      eventLoopDelayP99Ms: round(loopDelay.percentile(99) / 1e6),
      eventLoopDelayMaxMs: round(loopDelay.max / 1e6),
    },
    ...(config.keepSamples
      ? { samples: { provider: latencyByKind.provider.toArray(), probe: latencyByKind.probe.toArray() } }
      : {}),
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)))
}

async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await sleep(20)
  }
}
