import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import { afterEach, describe, expect, it } from 'vitest'
import { AWARENESS_FLUSH_INTERVAL_MS, AwarenessBatch } from '../../server/sync/awareness-batch.ts'
import { decodeAwarenessUpdate, encodeAwarenessEntries } from '../../server/sync/messages.ts'
import { eventually } from '../helpers/poll.ts'

describe('awareness batching', () => {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc())
  awareness.setLocalState(null)
  const sent: Uint8Array[] = []
  const batch = new AwarenessBatch(awareness, (update) => sent.push(update))
  afterEach(() => {
    sent.length = 0
    batch.destroy()
  })

  function remote(clientId: number, clock: number, state: unknown) {
    const update = encodeAwarenessEntries([{ clientId, clock, json: JSON.stringify(state) }])
    awarenessProtocol.applyAwarenessUpdate(awareness, update, 'test')
  }

  it('sends many changes within one interval as one update carrying the latest states', async () => {
    batch.flush() // start an interval now
    for (let clock = 1; clock <= 30; clock++) {
      remote(11, clock, { cursor: clock })
      remote(12, clock, { cursor: -clock })
      batch.add([11, 12], [])
    }
    expect(sent).toHaveLength(0)
    await eventually(() => expect(sent).toHaveLength(1), { timeoutMs: AWARENESS_FLUSH_INTERVAL_MS * 20 })
    expect(decodeAwarenessUpdate(sent[0]!)).toEqual([
      { clientId: 11, clock: 30, json: '{"cursor":30}' },
      { clientId: 12, clock: 30, json: '{"cursor":-30}' },
    ])
  })

  it('announces a removal with the clock the client had, even after its clock is forgotten', async () => {
    remote(21, 7, { name: 'Aino' })
    awarenessProtocol.removeAwarenessStates(awareness, [21], 'test')
    batch.add([], [21])
    awareness.meta.delete(21)
    await eventually(() => expect(sent.length).toBeGreaterThan(0), { timeoutMs: AWARENESS_FLUSH_INTERVAL_MS * 20 })
    expect(decodeAwarenessUpdate(sent.at(-1)!)).toEqual([{ clientId: 21, clock: 7, json: 'null' }])
  })
})
