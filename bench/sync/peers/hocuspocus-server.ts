import { SQLite } from '@hocuspocus/extension-sqlite'
import { Server } from '@hocuspocus/server'

/**
 * Hocuspocus 3.4.4 with its SQLite extension, as its documentation sets it up: the peer a user
 * who wants Yjs with durable storage would pick. Started by bench/sync/servers.ts with HOST,
 * PORT and SQLITE_FILE. The extension stores each document's whole state, debounced (2 s, at
 * most 10 s), after the update was already sent to the other clients.
 */
const port = Number(process.env.PORT)
const file = process.env.SQLITE_FILE
if (!port || !file) throw new Error('PORT and SQLITE_FILE are required')

const server = new Server({
  port,
  address: process.env.HOST ?? '127.0.0.1',
  quiet: true,
  extensions: [new SQLite({ database: file })],
})
await server.listen()
process.stdout.write(`hocuspocus listening on ${port}, SQLite ${file}\n`)
// Stored documents are written on the way down, as Hocuspocus does on its own signals.
process.once('SIGTERM', () => {
  void server.destroy().then(() => process.exit(0))
})
