// Copies the SQLite write-ahead log back into the database file, on its own thread and its
// own connection (checkpointer.ts explains why). Plain JavaScript: a worker thread starts
// without the TypeScript loader that runs the rest of the server (and under the test runner).
import { parentPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'

const { path, intervalMs } = workerData
const db = new Database(path, { fileMustExist: true })
let failing = false

function checkpoint() {
  try {
    // PASSIVE copies what it can without waiting for, or blocking, the writer.
    db.pragma('wal_checkpoint(PASSIVE)')
    if (failing) parentPort.postMessage({ type: 'recovered' })
    failing = false
  } catch (error) {
    // Reported once per run of failures, not every interval (a full disk stays full a while).
    if (!failing)
      parentPort.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) })
    failing = true
  }
}

const timer = setInterval(checkpoint, intervalMs)
parentPort.on('message', (message) => {
  if (message === 'stop') {
    clearInterval(timer)
    db.close()
    parentPort.close()
  }
})
parentPort.postMessage({ type: 'ready' })
