// Copies the SQLite write-ahead log back into the database file, on its own thread and its
// own connection (checkpointer.ts explains why). Plain JavaScript: a worker thread starts
// without the TypeScript loader that runs the rest of the server (and under the test runner).
import { parentPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'

const { path, intervalMs } = workerData
const db = new Database(path, { fileMustExist: true })

function checkpoint() {
  try {
    // PASSIVE copies what it can without waiting for, or blocking, the writer.
    const [result] = db.pragma('wal_checkpoint(PASSIVE)')
    if (result.log > 0) parentPort.postMessage({ type: 'checkpointed', log: result.log, checkpointed: result.checkpointed })
  } catch (error) {
    parentPort.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) })
  }
}

const timer = setInterval(checkpoint, intervalMs)
parentPort.on('message', (message) => {
  if (message === 'checkpoint') checkpoint()
  if (message === 'stop') {
    clearInterval(timer)
    db.close()
    parentPort.close()
  }
})
parentPort.postMessage({ type: 'ready' })
