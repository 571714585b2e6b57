import * as Y from 'yjs'
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness'
import { describe, expect, it } from 'vitest'
import { groupParticipants, Presence, type Peer } from '../../../client/src/board/data/presence.ts'

const user = (id: string, name = id) => ({ id, name, color: '#2563eb' })
const peer = (clientId: number, id: string, editing: string | null = null): Peer => ({
  clientId,
  user: user(id),
  cursor: null,
  editing,
})

describe('groupParticipants', () => {
  it('lists a person with several tabs once, with the tab count', () => {
    const people = groupParticipants(peer(5, 'me'), [
      peer(9, 'ben'),
      peer(3, 'ben', 'note-1'),
      peer(7, 'aino'),
      peer(8, 'me'),
    ])
    expect(people.map((p) => [p.user.id, p.tabs, p.self, p.clientId])).toEqual([
      ['me', 2, true, 5],
      ['ben', 2, false, 3],
      ['aino', 1, false, 7],
    ])
    expect(people.find((p) => p.user.id === 'ben')?.editing).toBe('note-1')
  })

  it('keeps different people with the same display name apart', () => {
    const people = groupParticipants(null, [
      { ...peer(1, 'a'), user: user('a', 'Sam') },
      { ...peer(2, 'b'), user: user('b', 'Sam') },
    ])
    expect(people).toHaveLength(2)
  })
})

describe('Presence participant list over real awareness', () => {
  it('shows the same participant id from two tabs once, and again as one tab when a tab leaves', () => {
    const mine = new Awareness(new Y.Doc())
    const presence = new Presence(mine, user('me', 'Me'))
    const tabA = new Awareness(new Y.Doc())
    const tabB = new Awareness(new Y.Doc())
    tabA.setLocalState({ user: user('ben', 'Ben'), cursor: null, editing: null })
    tabB.setLocalState({ user: user('ben', 'Ben'), cursor: null, editing: null })
    applyAwarenessUpdate(mine, encodeAwarenessUpdate(tabA, [tabA.clientID]), 'remote')
    applyAwarenessUpdate(mine, encodeAwarenessUpdate(tabB, [tabB.clientID]), 'remote')

    expect(presence.peers.get()).toHaveLength(2) // each tab keeps its own cursor
    expect(presence.participants.get().map((p) => [p.user.name, p.tabs])).toEqual([
      ['Me', 1],
      ['Ben', 2],
    ])

    tabB.setLocalState(null)
    applyAwarenessUpdate(mine, encodeAwarenessUpdate(tabB, [tabB.clientID]), 'remote')
    expect(presence.participants.get().map((p) => [p.user.name, p.tabs])).toEqual([
      ['Me', 1],
      ['Ben', 1],
    ])
    presence.destroy()
  })
})
