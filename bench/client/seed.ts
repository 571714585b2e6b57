import WebSocket from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { createNote, countNotes } from '@shared/board/index.ts'

const COLORS = ['#fde68a', '#fed7aa', '#fbcfe8', '#ddd6fe', '#bfdbfe', '#99f6e4', '#bbf7d0']
const WORDS = [
  'library',
  'opening',
  'hours',
  'weekend',
  'youth',
  'club',
  'digital',
  'help',
  'desk',
  'pilot',
  'survey',
  'coffee',
]
const BATCH = 250
export const SPACING = 200

/** A y-websocket client in Node, as a real remote participant. */
export function remoteClient(
  syncUrl: string,
  boardId: string,
  token: string,
): { doc: Y.Doc; provider: WebsocketProvider; synced: Promise<void> } {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(syncUrl, boardId, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  })
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve()
    else provider.once('sync', () => resolve())
  })
  return { doc, provider, synced }
}

/** Writes `count` notes on a square grid through a real client, in batches under the message limit. */
export async function seedNotes(syncUrl: string, boardId: string, token: string, count: number): Promise<string[]> {
  const writer = remoteClient(syncUrl, boardId, token)
  await writer.synced
  const columns = Math.ceil(Math.sqrt(count))
  const ids: string[] = []
  for (let start = 0; start < count; start += BATCH) {
    writer.doc.transact(() => {
      for (let i = start; i < Math.min(count, start + BATCH); i++) {
        const text = `Idea ${i}: ${WORDS[i % WORDS.length]} ${WORDS[(i * 7) % WORDS.length]} ${WORDS[(i * 5) % WORDS.length]}`
        ids.push(
          createNote(writer.doc, {
            x: (i % columns) * SPACING,
            y: Math.floor(i / columns) * SPACING,
            color: COLORS[i % COLORS.length] as string,
            text,
            zone: null,
            authorId: 'bench',
            authorName: 'Bench',
            createdAt: 1_700_000_000_000 + i,
          }),
        )
      }
    })
  }
  // Another client proves the server has everything before the page opens.
  const check = remoteClient(syncUrl, boardId, token)
  await check.synced
  const deadline = Date.now() + 60_000
  while (countNotes(check.doc) < count) {
    if (Date.now() > deadline) throw new Error(`seeding stalled at ${countNotes(check.doc)} of ${count}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  for (const client of [writer, check]) {
    client.provider.destroy()
    client.doc.destroy()
  }
  return ids
}
