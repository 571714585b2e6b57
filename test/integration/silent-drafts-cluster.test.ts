import { afterEach, describe, expect, it } from 'vitest'
import { createNote, listNotes, readSession } from '../../shared/board/index.ts'
import { setSessionFlags } from '../../shared/facilitation/index.ts'
import { newId } from '../../shared/ids.ts'
import { createCluster, type ClusterFixture } from '../helpers/cluster.ts'
import { connectClient, type TestClient } from '../helpers/clients.ts'
import { eventually } from '../helpers/poll.ts'
import { probePostgres, probeRedis, requireService } from '../helpers/services.ts'

/**
 * The reveal with several processes on PostgreSQL and Redis: drafts open on different nodes
 * (and one open on none) are copied into the board once each, every node's clients see the
 * same board, and the drafts are emptied everywhere.
 */
const [postgres, redis] = await Promise.all([probePostgres(), probeRedis()])
const missing = [postgres, redis].filter((status) => !status.available)
const runs = missing.every((status) => requireService(status))

const place = { x: 10, y: 10, color: '#fde68a', zone: null }

describe.skipIf(!runs)(`silent drafts in a cluster${runs ? '' : ` (skipped: ${missing.map((s) => s.reason).join('; ')})`}`, () => {
  let cluster: ClusterFixture

  afterEach(async () => {
    await cluster?.cleanup()
  })

  it('copies each draft into the board exactly once when the facilitator reveals through one node', async () => {
    cluster = await createCluster()
    const [a, b] = await Promise.all([cluster.startNode(), cluster.startNode()])
    const board = await a.createBoard('Klusteri hiljaa')
    const connect = (node: typeof a, role: 'facilitator' | 'participant', params: Record<string, string> = {}): TestClient =>
      cluster.track(connectClient(node.syncUrl, board.id, board.tokens[role], { params }))
    const facilitatorA = connect(a, 'facilitator')
    const facilitatorB = connect(b, 'facilitator')
    const watcherB = connect(b, 'participant', { participant: 'watcher' })
    await Promise.all([facilitatorA.synced(), facilitatorB.synced(), watcherB.synced()])
    setSessionFlags(facilitatorA.doc, { silent: true })
    await eventually(() => expect(readSession(facilitatorB.doc).silent).toBe(true))

    const keys = { onA: newId(24), onB: newId(24), closed: newId(24) }
    const draftOnA = connect(a, 'participant', { draft: keys.onA })
    const draftOnB = connect(b, 'participant', { draft: keys.onB })
    const draftClosed = connect(b, 'participant', { draft: keys.closed })
    await Promise.all([draftOnA.synced(), draftOnB.synced(), draftClosed.synced()])
    const ids: string[] = []
    for (const [client, author] of [[draftOnA, 'aino'], [draftOnB, 'bert'], [draftClosed, 'cecilia']] as const) {
      for (let i = 0; i < 3; i++) ids.push(createNote(client.doc, { ...place, text: `${author} ${i}`, authorId: author, authorName: author }))
    }
    // Both nodes hold every draft note (stored before acknowledged) before the reveal.
    const probes = [connect(a, 'participant', { draft: keys.onB }), connect(b, 'participant', { draft: keys.onA })]
    await eventually(() => expect(probes.map((probe) => listNotes(probe.doc).length)).toEqual([3, 3]))
    await eventually(() => expect(listNotes(draftClosed.doc)).toHaveLength(3))
    draftClosed.destroy()
    expect(listNotes(watcherB.doc)).toEqual([])

    setSessionFlags(facilitatorA.doc, { silent: false })
    const sorted = [...ids].sort()
    for (const client of [facilitatorA, facilitatorB, watcherB]) {
      await eventually(() => expect(listNotes(client.doc).map((note) => note.id).sort()).toEqual(sorted))
    }
    for (const client of [draftOnA, draftOnB, ...probes]) await eventually(() => expect(listNotes(client.doc)).toEqual([]))
    // Exactly once: a third node loads the stored board from PostgreSQL; each id once, and the
    // board's notes map never had a second copy of a note written (that would leave a
    // deleted duplicate under the same key).
    const c = await cluster.startNode()
    const fresh = cluster.track(connectClient(c.syncUrl, board.id, board.tokens.viewer))
    await fresh.synced()
    const notes = listNotes(fresh.doc)
    expect(notes.map((note) => note.id).sort()).toEqual(sorted)
    expect(notes.find((note) => note.text === 'bert 1')).toMatchObject({ authorId: 'bert', authorName: 'bert' })
    let copies = 0
    const notesMap = fresh.doc.getMap('notes')
    notesMap._map.forEach((latest) => {
      for (let item: typeof latest | null = latest; item !== null; item = item.left) copies++
    })
    expect(copies).toBe(ids.length)
  })
})
