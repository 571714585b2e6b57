/* global fetch, setTimeout */
// Part of deploy/smoke-test.sh: two unmodified y-websocket clients on one board through the
// proxy at BASE (each connection may land on another process); a note written by one must
// reach the other. Prints the participant token (the script then checks it is not logged).
// Needs the dev dependencies (y-websocket, ws) of a checkout.
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'

const base = process.argv[2]
if (!base) throw new Error('usage: node deploy/smoke-sync.mjs http://host:port')
const created = await fetch(`${base}/api/boards`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ title: 'Smoke test', template: 'disney' }),
})
if (created.status !== 201) throw new Error(`POST /api/boards answered ${created.status}`)
const board = await created.json()

function connect() {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(`${base.replace(/^http/, 'ws')}/sync`, board.id, doc, {
    params: { token: board.tokens.participant },
    WebSocketPolyfill: WebSocket,
    disableBc: true,
  })
  return { doc, provider }
}

const deadline = Date.now() + 20_000
async function until(condition, what) {
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

const a = connect()
const b = connect()
await until(() => a.provider.synced && b.provider.synced, 'both clients to sync')
const note = new Y.Map()
a.doc.transact(() => {
  note.set('text', new Y.Text('Through nginx'))
  for (const [key, value] of Object.entries({ x: 0, y: 0, width: 160, height: 120, color: '#fde68a', zone: null })) {
    note.set(key, value)
  }
  note.set('authorId', 'smoke')
  note.set('authorName', 'Smoke test')
  note.set('createdAt', Date.now())
  note.set('votes', new Y.Map())
  a.doc.getMap('notes').set('smoke-note', note)
})
await until(() => b.doc.getMap('notes').get('smoke-note')?.get('text')?.toString() === 'Through nginx', 'the note')
a.provider.destroy()
b.provider.destroy()
process.stdout.write(`${board.id} ${board.tokens.participant}\n`)
process.exit(0)
