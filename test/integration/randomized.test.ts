import * as prng from 'lib0/prng'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNote, deleteNotes, listNotes, noteText, updateNote } from '@shared/board/index.ts'
import { connectClient, docJson, type TestClient } from '../helpers/clients.ts'
import { eventually } from '../helpers/poll.ts'
import { startServer, type TestServer } from '../helpers/server.ts'

const SEEDS = [1, 42, 2026]
const CLIENTS = 4
const STEPS = 300

/**
 * Several real clients make random inserts, deletes, moves and text edits, and randomly drop
 * and restore their connections, driven by a seeded generator so a failure is reproducible.
 * At the end every replica, and a fresh client, must hold the identical document.
 */
describe('seeded randomized convergence', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer()
  })
  afterAll(async () => {
    await server.close()
  })

  for (const seed of SEEDS) {
    it(`converges for seed ${seed}`, async () => {
      const gen = prng.create(seed)
      const board = await server.createBoard(`random ${seed}`)
      const clients: TestClient[] = Array.from({ length: CLIENTS }, () =>
        connectClient(server.syncUrl, board.id, board.tokens.participant),
      )
      try {
        await Promise.all(clients.map((client) => client.synced()))
        for (let step = 0; step < STEPS; step++) {
          const client = prng.oneOf(gen, clients)
          const notes = listNotes(client.doc)
          const roll = prng.int32(gen, 0, 99)
          if (roll < 30 || notes.length === 0) {
            createNote(client.doc, {
              x: prng.int32(gen, 0, 2000),
              y: prng.int32(gen, 0, 2000),
              color: '#fde68a',
              zone: null,
              authorId: `c${client.doc.clientID}`,
              authorName: 'R',
              text: prng.word(gen, 0, 12),
            })
          } else if (roll < 45) {
            deleteNotes(client.doc, [prng.oneOf(gen, notes).id])
          } else if (roll < 70) {
            updateNote(client.doc, prng.oneOf(gen, notes).id, {
              x: prng.int32(gen, 0, 2000),
              y: prng.int32(gen, 0, 2000),
            })
          } else if (roll < 90) {
            const text = noteText(client.doc, prng.oneOf(gen, notes).id)
            if (text) {
              if (text.length > 0 && prng.bool(gen)) text.delete(prng.int32(gen, 0, text.length - 1), 1)
              else text.insert(prng.int32(gen, 0, text.length), prng.word(gen, 1, 4))
            }
          } else if (client.provider.wsconnected) {
            client.provider.disconnect()
          } else {
            client.provider.connect()
          }
          // Let the network deliver some of it now and then, as a real session would.
          if (step % 25 === 0) await new Promise((resolve) => setImmediate(resolve))
        }
        for (const client of clients) if (!client.provider.shouldConnect) client.provider.connect()
        await Promise.all(clients.map((client) => client.synced()))
        const fresh = connectClient(server.syncUrl, board.id, board.tokens.viewer)
        clients.push(fresh)
        await fresh.synced()
        await eventually(
          () => {
            const expected = docJson(clients[0]!.doc)
            for (const client of clients) expect(docJson(client.doc)).toEqual(expected)
          },
          { timeoutMs: 15_000 },
        )
        expect(listNotes(fresh.doc).length).toBeGreaterThan(0)
      } finally {
        for (const client of clients) client.destroy()
      }
    })
  }
})
