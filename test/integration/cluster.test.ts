import { afterEach, describe, expect, it } from 'vitest'
import { createNote, listNotes, updateNote } from '@shared/board/index.ts'
import type { IdeaList } from '@shared/api/ideas.ts'
import { createCluster, relayOf, type ClusterFixture } from '../helpers/cluster.ts'
import { api, boardWithNotes, patchIdea, promote } from '../helpers/ideas.ts'
import { connectClient, docJson, expectPresenceComesAndGoes, type TestClient } from '../helpers/clients.ts'
import { eventually } from '../helpers/poll.ts'
import { probePostgres, probeRedis, requireService } from '../helpers/services.ts'
import { TcpProxy } from '../helpers/tcp-proxy.ts'

/**
 * Several server processes on one PostgreSQL database and one Redis: clients of one board
 * on different nodes converge, see each other's presence, lose nothing in bursts, and a node
 * that starts later, or fell behind the stream, loads everything from storage.
 */
const [postgres, redis] = await Promise.all([probePostgres(), probeRedis()])
const missing = [postgres, redis].filter((status) => !status.available)
const runs = missing.every((status) => requireService(status))

const author = { authorId: 'p1', authorName: 'Aino', color: '#fde68a', zone: null }

function noteTexts(client: TestClient): string[] {
  return listNotes(client.doc)
    .map((note) => note.text)
    .sort()
}

describe.skipIf(!runs)(`cluster${runs ? '' : ` (skipped: ${missing.map((s) => s.reason).join('; ')})`}`, () => {
  let cluster: ClusterFixture
  const proxies: TcpProxy[] = []

  afterEach(async () => {
    await cluster?.cleanup()
    await Promise.all(proxies.splice(0).map((proxy) => proxy.close()))
  })

  it('converges across nodes both ways', async () => {
    cluster = await createCluster()
    const [a, b] = await Promise.all([cluster.startNode(), cluster.startNode()])
    const board = await a.createBoard('Kaksi solmua')
    const onA = cluster.track(connectClient(a.syncUrl, board.id, board.tokens.participant))
    const onB = cluster.track(connectClient(b.syncUrl, board.id, board.tokens.participant))
    await Promise.all([onA.synced(), onB.synced()])
    const id = createNote(onA.doc, { ...author, x: 1, y: 2, text: 'Kirjastoon lainattavat työkalut' })
    await eventually(() => expect(noteTexts(onB)).toEqual(['Kirjastoon lainattavat työkalut']))
    updateNote(onB.doc, id, { x: 300, color: '#bbf7d0' })
    await eventually(() => expect(listNotes(onA.doc)[0]).toMatchObject({ x: 300, color: '#bbf7d0' }))
    expect(docJson(onA.doc)).toEqual(docJson(onB.doc))
  })

  it('runs the registry across nodes: promoted on one, found, changed and badged through another', async () => {
    cluster = await createCluster()
    const [a, b] = await Promise.all([cluster.startNode(), cluster.startNode()])
    const made = await boardWithNotes(a, [{ text: 'Päiväkotien pihat iltakäyttöön', votes: 2 }])
    cluster.track(made.facilitator)
    const watcher = cluster.track(connectClient(b.syncUrl, made.board.id, made.board.tokens.viewer))
    await watcher.synced()
    const promoted = await promote(a, made.board, { noteIds: made.noteIds })
    expect(promoted.status).toBe(201)
    // The same notes promoted through the other node are the same idea.
    const again = await promote(b, made.board, { noteIds: made.noteIds })
    expect(again.status).toBe(200)
    expect(again.body.id).toBe(promoted.body.id)
    const found = await api<IdeaList>(b, 'GET', '/api/ideas?q=paivakoti')
    expect(found.body.items.map((item) => item.ref)).toEqual([promoted.body.ref])
    const changed = await patchIdea(b, promoted.body.ref, { status: 'screening' })
    expect(changed.status).toBe(200)
    // The badge on the board follows the status, on both nodes' clients.
    await eventually(() =>
      expect(listNotes(watcher.doc)[0]).toMatchObject({ ideaRef: promoted.body.ref, ideaStatus: 'screening' }),
    )
    await eventually(() => expect(listNotes(made.facilitator.doc)[0]).toMatchObject({ ideaStatus: 'screening' }))
    expect((await api(a, 'GET', `/api/ideas/${promoted.body.id}`)).body).toMatchObject({ status: 'screening' })
  })

  it('shows presence across nodes, and its end', async () => {
    cluster = await createCluster()
    const [a, b] = await Promise.all([cluster.startNode(), cluster.startNode()])
    const board = await a.createBoard()
    const watcher = cluster.track(connectClient(b.syncUrl, board.id, board.tokens.viewer))
    // Joined through node a, watched through node b: node a removes the state, node b hears of it.
    await expectPresenceComesAndGoes(watcher, connectClient(a.syncUrl, board.id, board.tokens.participant))
  })

  it('a node that starts serving a board shows the presence already there at once', async () => {
    cluster = await createCluster()
    const [a, b] = await Promise.all([cluster.startNode(), cluster.startNode()])
    const board = await a.createBoard()
    const present = cluster.track(connectClient(a.syncUrl, board.id, board.tokens.participant))
    await present.synced()
    // No renewals (every 15 s in y-protocols): only the query of the later node can bring it.
    clearInterval((present.provider.awareness as unknown as { _checkInterval: NodeJS.Timeout })._checkInterval)
    present.provider.awareness.setLocalStateField('user', { name: 'Aino', color: '#0a0' })
    const presentId = present.doc.clientID
    await eventually(async () => {
      const room = await a.app.sync.rooms.peek(board.id)
      expect(room?.awareness.getStates().get(presentId)).toEqual({ user: { name: 'Aino', color: '#0a0' } })
    })
    const arriving = cluster.track(connectClient(b.syncUrl, board.id, board.tokens.viewer))
    await arriving.synced()
    await eventually(() =>
      expect(arriving.provider.awareness.getStates().get(presentId)).toEqual({ user: { name: 'Aino', color: '#0a0' } }),
    )
  })

  it('converges with nothing lost when clients on both nodes write bursts at once', async () => {
    cluster = await createCluster()
    const [a, b] = await Promise.all([
      cluster.startNode({ COMPACT_AFTER_UPDATES: '25' }),
      cluster.startNode({ COMPACT_AFTER_UPDATES: '25' }),
    ])
    const board = await a.createBoard()
    const clients = [a, b, a, b, a, b].map((node) =>
      cluster.track(connectClient(node.syncUrl, board.id, board.tokens.participant)),
    )
    await Promise.all(clients.map((client) => client.synced()))
    const perClient = 30
    clients.forEach((client, c) => {
      for (let i = 0; i < perClient; i++) createNote(client.doc, { ...author, x: i, y: c, text: `c${c} n${i}` })
    })
    const expected = clients.flatMap((_, c) => Array.from({ length: perClient }, (_, i) => `c${c} n${i}`)).sort()
    await eventually(
      () => {
        for (const client of clients) expect(noteTexts(client)).toEqual(expected)
      },
      { timeoutMs: 20_000 },
    )
    const first = docJson(clients[0]!.doc)
    for (const client of clients) expect(docJson(client.doc)).toEqual(first)

    // And it is all in storage: a node that starts now, with nothing in memory, serves it.
    const late = await cluster.startNode()
    const reader = cluster.track(connectClient(late.syncUrl, board.id, board.tokens.viewer))
    await reader.synced()
    await eventually(() => expect(noteTexts(reader)).toEqual(expected))
  })

  it('a node started later loads everything, compacted or not', async () => {
    cluster = await createCluster()
    const a = await cluster.startNode({ COMPACT_AFTER_UPDATES: '10' })
    const board = await a.createBoard('Myöhäinen solmu')
    const writer = cluster.track(connectClient(a.syncUrl, board.id, board.tokens.participant))
    await writer.synced()
    for (let i = 0; i < 45; i++) createNote(writer.doc, { ...author, x: i, y: i, text: `note ${i}` })
    const b = await cluster.startNode()
    const reader = cluster.track(connectClient(b.syncUrl, board.id, board.tokens.viewer))
    await reader.synced()
    await eventually(() => expect(listNotes(reader.doc)).toHaveLength(45))
    expect(docJson(reader.doc)).toEqual(docJson(writer.doc))
    const summary = await fetch(`${b.url}/api/boards/${board.id}`, {
      headers: { authorization: `Bearer ${board.tokens.viewer}` },
    })
    expect(await summary.json()).toMatchObject({ title: 'Myöhäinen solmu', counts: { notes: 45 } })
  })

  it('a node whose stream position was trimmed away resyncs from storage', async () => {
    cluster = await createCluster()
    const url = new URL(cluster.redisUrl)
    const link = await TcpProxy.start(url.hostname, Number(url.port || 6379))
    proxies.push(link)
    const a = await cluster.startNode({ REDIS_STREAM_MAXLEN: '100' })
    const b = await cluster.startNode({ REDIS_URL: link.rewrite(cluster.redisUrl) })
    const board = await a.createBoard()
    const writer = cluster.track(connectClient(a.syncUrl, board.id, board.tokens.participant))
    const behind = cluster.track(connectClient(b.syncUrl, board.id, board.tokens.participant))
    await Promise.all([writer.synced(), behind.synced()])
    createNote(writer.doc, { ...author, x: 0, y: 0, text: 'before' })
    await eventually(() => expect(noteTexts(behind)).toEqual(['before']))

    // Node b's link to Redis hangs while 300 stream entries go through the stream, which
    // keeps ~100. One note at a time: a flush's updates share one entry.
    link.stall()
    let notes = 1
    while (relayOf(a).stats.updatesPublished < 301) {
      const published = relayOf(a).stats.updatesPublished
      createNote(writer.doc, { ...author, x: notes, y: 1, text: `while stalled ${notes}` })
      notes += 1
      await eventually(() => expect(relayOf(a).stats.updatesPublished).toBeGreaterThan(published), { intervalMs: 1 })
    }
    link.resume()
    await eventually(() => expect(listNotes(behind.doc)).toHaveLength(notes), { timeoutMs: 20_000 })
    // The check runs right after the read; the reload it asks for may finish before it does.
    await eventually(() => expect(relayOf(b).stats.resyncs.trimmed).toBeGreaterThanOrEqual(1))
    expect(docJson(behind.doc)).toEqual(docJson(writer.doc))
  })
})
