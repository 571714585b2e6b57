import { loadavg } from 'node:os'
import * as Y from 'yjs'
import { encodeSyncStep2Messages } from '../../server/sync/messages.ts'
import { applyUpdateAsReceived } from '../../client/src/board/data/received-updates.ts'
import { round, roundedMedian } from '../sync/stats.ts'
import { boardRoots } from '@shared/board/roots.ts'
import { inProcessArgs } from './in-process-args.ts'
import { addNotes } from '../../test/helpers/seed-notes.ts'

/**
 * The client-side floor of a cold load (issue 17, target 3), in process: what applying a
 * board's stored snapshot costs a joining client, whatever the server does. Times a bare
 * `Y.applyUpdate` of the whole snapshot into an empty `Y.Doc`, the same with the snapshot in the
 * 1 MiB pieces the server sends (each applied as y-websocket applies a sync message), with an
 * 'update' listener (as y-websocket's provider has) with Yjs encoding each piece again for it or
 * given the received bytes (the web app's applyUpdateAsReceived), and with an observeDeep on the
 * notes map as an app would have. Median of `--repeats` rounds, ms. Run with --single-threaded
 * for the CPU time to be the main thread's only (no concurrent GC or compiler threads).
 *
 * `node --expose-gc --single-threaded --import tsx bench/load/floor.ts --notes 10000,50000`
 */
const { sizes, repeats, gc } = inProcessArgs()

interface Timing {
  wallMs: number
  cpuMs: number
}

/**
 * Runs every variant once per round, round after round (a first round to warm up is not
 * counted), so that a busy machine's slow spells fall on all of them alike; medians.
 */
function timeAll(variants: Record<string, () => unknown>): Record<string, Timing> {
  const runs = new Map<string, { walls: number[]; cpus: number[] }>()
  for (let round = 0; round <= repeats; round++) {
    for (const [name, run] of Object.entries(variants)) {
      gc()
      const cpu = process.cpuUsage()
      const started = performance.now()
      run()
      const wall = performance.now() - started
      const used = process.cpuUsage(cpu)
      if (round === 0) continue
      const entry = runs.get(name) ?? { walls: [], cpus: [] }
      entry.walls.push(wall)
      entry.cpus.push((used.user + used.system) / 1000)
      runs.set(name, entry)
    }
  }
  return Object.fromEntries(
    [...runs].map(([name, { walls, cpus }]) => [name, { wallMs: roundedMedian(walls), cpuMs: roundedMedian(cpus) }]),
  )
}

/** The update inside a sync step 2 or update message (type 0, sync type 1 or 2, then the payload). */
function payloadOf(message: Uint8Array): Uint8Array {
  let offset = 2
  let length = 0
  let shift = 0
  for (;;) {
    const byte = message[offset++] ?? 0
    length += (byte & 0x7f) * 2 ** shift
    shift += 7
    if (byte < 0x80) break
  }
  return message.subarray(offset, offset + length)
}

for (const notes of sizes) {
  const source = new Y.Doc()
  addNotes(source, notes)
  const snapshot = Y.encodeStateAsUpdate(source)
  source.destroy()
  const pieces = encodeSyncStep2Messages(snapshot, 1 << 20).map(payloadOf)
  let longestPieceMs = 0
  const timings = timeAll({
    whole: () => Y.applyUpdate(new Y.Doc(), snapshot),
    // As y-websocket applies them, one sync message after another; also the longest single
    // one: the longest turn a document built a piece a turn would take (the first write's
    // build on the server, issue 17).
    inPieces: () => {
      const doc = new Y.Doc()
      let longest = 0
      for (const piece of pieces) {
        const started = performance.now()
        Y.applyUpdate(doc, piece)
        longest = Math.max(longest, performance.now() - started)
      }
      longestPieceMs = Math.max(longestPieceMs, longest)
    },
    wholeNoGc: () => Y.applyUpdate(new Y.Doc({ gc: false }), snapshot),
    // y-websocket's provider (and y-indexeddb) listen for 'update': Yjs then encodes every
    // transaction again, the whole board for a cold load.
    withUpdateListener: () => {
      const doc = new Y.Doc()
      doc.on('update', () => undefined)
      for (const piece of pieces) Y.applyUpdate(doc, piece)
    },
    withUpdateListenerAsReceived: () => {
      const doc = new Y.Doc()
      doc.on('update', () => undefined)
      for (const piece of pieces) applyUpdateAsReceived(doc, piece, null)
    },
    withObserveDeep: () => {
      const doc = new Y.Doc()
      let events = 0
      boardRoots(doc).notes.observeDeep((changes) => (events += changes.length))
      for (const piece of pieces) Y.applyUpdate(doc, piece)
    },
  })
  const row = {
    notes,
    snapshotMB: round(snapshot.byteLength / 1e6, 2),
    pieces: pieces.length,
    ...timings,
    longestPieceMs: round(longestPieceMs, 1),
    loadAverage: round(loadavg()[0] ?? 0, 1),
  }
  process.stdout.write(`${JSON.stringify(row)}\n`)
}
