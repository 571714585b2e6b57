import { afterAll, beforeAll, describe, inject, it } from 'vitest'
import { createCluster, type ClusterFixture } from '../helpers/cluster.ts'
import { probePostgres, probeRedis, requireService } from '../helpers/services.ts'
import { browserSkipReason } from './browser.ts'
import { BoardDriver } from './board-driver.ts'
import { useBrowser } from './suite.ts'

const skipReason = browserSkipReason()
if (skipReason) console.warn(`[e2e] cluster journey skipped: ${skipReason}`)
const [postgres, redis] = skipReason ? [null, null] : await Promise.all([probePostgres(), probeRedis()])
const servicesRun = postgres !== null && redis !== null && [postgres, redis].every((status) => requireService(status))

/** Two people in two browsers on one board, each served by a different server process. */
describe.skipIf(skipReason !== null || !servicesRun)('board in the browser across two processes', () => {
  const { newContext } = useBrowser()
  let cluster: ClusterFixture

  beforeAll(async () => {
    cluster = await createCluster()
  })
  afterAll(async () => {
    await cluster?.cleanup()
  })

  it('notes written on one process appear in the page served by the other, both ways', async () => {
    const dist = { clientDistDir: inject('clientDist') }
    const [a, b] = await Promise.all([cluster.startNode({}, dist), cluster.startNode({}, dist)])
    const board = await a.createBoard('Kaksi prosessia')
    const onA = (url: string) => url.replace(/^https?:\/\/[^/]+/, a.url)
    const onB = (url: string) => url.replace(/^https?:\/\/[^/]+/, b.url)
    const aino = await BoardDriver.open(await newContext(), onA(board.links.facilitator))
    const ben = await BoardDriver.open(await newContext(), onB(board.links.participant))

    const first = await aino.createNote(0.35, 0.5, 'Served by process A')
    await ben.waitForNotes((notes) => notes.some((note) => note.id === first.id && note.text === 'Served by process A'))
    const second = await ben.createNote(0.65, 0.5, 'Served by process B')
    await aino.waitForNotes((notes) =>
      notes.some((note) => note.id === second.id && note.text === 'Served by process B'),
    )
  })
})
