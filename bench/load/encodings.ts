import * as Y from 'yjs'
import { encodeSyncStep2Messages } from '../../server/sync/messages.ts'
import { scanUpdate } from '../../server/sync/stored-state.ts'
import { round } from '../sync/stats.ts'
import { inProcessArgs } from './in-process-args.ts'
import { addNotes } from '../../test/helpers/seed-notes.ts'

/**
 * What a cold load's server-side steps cost on one board, in process (issue 17, target 3: "V2
 * encoding, snapshots that load as one update … measure and choose"): the stored snapshot's
 * size in the v1 and v2 encodings; building a Y.Doc from each; converting v2 to v1 (what a
 * y-websocket client needs, so a v2 store pays it on every cold join); the byte-level scan
 * and split a room held as bytes does instead (StoredState). Median of `--repeats` runs, ms.
 *
 * `node --expose-gc --import tsx bench/load/encodings.ts --notes 10000,50000`
 */
const { sizes, repeats, gc } = inProcessArgs()

function time(run: () => unknown): number {
  const runs: number[] = []
  for (let i = 0; i < repeats; i++) {
    gc()
    const started = performance.now()
    run()
    runs.push(performance.now() - started)
  }
  runs.sort((a, b) => a - b)
  return round(runs[Math.floor(runs.length / 2)] ?? Number.NaN, 1)
}

function build(update: Uint8Array, v2: boolean): void {
  const doc = new Y.Doc()
  if (v2) Y.applyUpdateV2(doc, update)
  else Y.applyUpdate(doc, update)
  doc.destroy()
}

const rows: string[] = []
for (const notes of sizes) {
  const doc = new Y.Doc()
  addNotes(doc, notes)
  const v1 = Y.encodeStateAsUpdate(doc)
  const v2 = Y.encodeStateAsUpdateV2(doc)
  doc.destroy()
  const row = {
    notes,
    v1MB: round(v1.byteLength / 1e6, 2),
    v2MB: round(v2.byteLength / 1e6, 2),
    buildV1Ms: time(() => build(v1, false)),
    buildV2Ms: time(() => build(v2, true)),
    convertV2ToV1Ms: time(() => Y.convertUpdateFormatV2ToV1(v2)),
    stateVectorFromV1Ms: time(() => Y.encodeStateVectorFromUpdate(v1)),
    scanMs: time(() => scanUpdate(v1)),
    splitMs: time(() => encodeSyncStep2Messages(v1, 1 << 20)),
  }
  process.stdout.write(`${JSON.stringify(row)}\n`)
  rows.push(
    `| ${notes.toLocaleString('en')} | ${row.v1MB} | ${row.v2MB} | ${row.buildV1Ms} | ${row.buildV2Ms} | ${row.convertV2ToV1Ms} | ${row.stateVectorFromV1Ms} | ${row.scanMs} | ${row.splitMs} |`,
  )
}
process.stdout.write(
  [
    '',
    '| notes | v1 MB | v2 MB | build Y.Doc from v1 ms | from v2 ms | convert v2 → v1 ms | Y.encodeStateVectorFromUpdate ms | scanUpdate ms | split into messages ms |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
    '',
  ].join('\n'),
)
