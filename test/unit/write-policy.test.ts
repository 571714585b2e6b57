import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  createNote,
  deleteNotes,
  getNoteMap,
  initBoardDoc,
  listNotes,
  noteText,
  NOTE_DEFAULT_SIZE,
  readNotePlacement,
  readSession,
  setVotes,
  updateNote,
  deleteZone,
  updateZone,
  writeMeta,
  writeSession,
  type NewNote,
} from '@shared/board/index.ts'
import { enterPhase, openVoting, setSessionFlags, startTimer } from '@shared/facilitation/index.ts'
import type { Role } from '@shared/roles.ts'
import { findTemplate, layoutFromTemplate } from '@shared/templates/index.ts'
import { parseDenial } from '@shared/protocol.ts'
import { BoardPolicy } from '../../server/boards/rules/board-policy.ts'
import { noteMoveOf } from '../../server/boards/rules/note-move.ts'
import { WriteGuard } from '../../server/sync/write-guard.ts'

const Remote = Symbol('remote')

/** The board's write policy, on a document outside any room (no pressure on the bytes budget). */
function boardPolicy(doc: Y.Doc, maxNotes: number): BoardPolicy {
  const room = { boardId: 'b', draftId: null, doc, approximateBytes: () => 0, measureBytes: () => 0 }
  return new BoardPolicy(room, { budget: { maxNotes, maxBytes: 1 << 30 }, onSilenceEnded() {} })
}

/**
 * The server's document behind a WriteGuard, and clients that send their updates through it
 * exactly as BoardRoom does (apply with the writer as origin; revert when refused), then
 * pull the server's state back.
 */
function board(templateId = 'disney', { maxNotes = 1000 } = {}) {
  const template = findTemplate(templateId)
  if (!template) throw new Error(templateId)
  const server = new Y.Doc()
  initBoardDoc(
    server,
    { title: 'T', template: templateId, createdAt: 1, locale: 'en' },
    layoutFromTemplate(template, 'en'),
  )
  const guard = new WriteGuard(server, boardPolicy(server, maxNotes))
  const clients: Y.Doc[] = []

  const pullAll = () => {
    for (const doc of clients) Y.applyUpdate(doc, Y.encodeStateAsUpdate(server, Y.encodeStateVector(doc)), Remote)
  }

  const client = (role: Role, participantId: string | null = null) => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(server), Remote)
    clients.push(doc)
    const writer = { role, participantId }
    /** Every permission-denied text the server sent this client. */
    const denied: string[] = []
    /** Runs fn on the client; returns the refusal reason, or null when the server kept it. */
    const write = (fn: (doc: Y.Doc) => void): string | null => {
      const updates: Uint8Array[] = []
      const capture = (update: Uint8Array, origin: unknown) => origin !== Remote && updates.push(update)
      doc.on('update', capture)
      fn(doc)
      doc.off('update', capture)
      let violation: string | null = null
      for (const update of updates) {
        const clientWrite = guard.begin(writer)
        Y.applyUpdate(server, update, clientWrite)
        if (clientWrite.refusal !== null) {
          denied.push(...clientWrite.refusal.denials)
          violation ??= parseDenial(clientWrite.refusal.denials[0] ?? '').reason
          guard.revert(clientWrite)
        }
      }
      pullAll()
      expect(server.store.pendingStructs).toBeNull()
      return violation
    }
    return { doc, writer, write, denied }
  }

  const facilitator = client('facilitator')
  return { server, client, facilitator, pullAll }
}

const note = (over: Partial<NewNote> = {}): NewNote => ({
  x: 100,
  y: 400,
  color: '#fde68a',
  zone: 'dreamer',
  authorId: 'p1',
  authorName: 'Aino',
  text: 'idea',
  ...over,
})
/** Inside the Realist zone of the Disney layout (x 540–1040, y 300–1000). */
const inRealist = { x: 700, y: 400, zone: 'realist' }
const onFreeCanvas = { x: 2000, y: 2000, zone: null }

const texts = (doc: Y.Doc) =>
  listNotes(doc)
    .map((n) => n.text)
    .sort()

describe('write policy: the session and the board structure', () => {
  it('refuses every session control from a participant and reverts it', () => {
    const { server, client } = board()
    const participant = client('participant', 'p1')
    const attempts: Array<[string, (doc: Y.Doc) => void]> = [
      ['phase', (doc) => writeSession(doc, { phase: 'converge' })],
      ['lock', (doc) => writeSession(doc, { locked: true })],
      ['timer', (doc) => writeSession(doc, { timer: startTimer(60_000, Date.now()) })],
      ['silent', (doc) => writeSession(doc, { silent: true })],
      ['the notes kept readable in silence', (doc) => writeSession(doc, { beforeSilence: [] })],
      ['voting', (doc) => writeSession(doc, { voting: { open: true, votesPerPerson: 99 } })],
      ['follow', (doc) => writeSession(doc, { follow: { clientId: doc.clientID, since: 1 } })],
      ['spotlight', (doc) => writeSession(doc, { spotlight: { kind: 'zone', id: 'critic', since: 1 } })],
      ['a zone', (doc) => updateZone(doc, 'critic', { title: 'Whiners' })],
      ['deleting a zone', (doc) => deleteZone(doc, 'critic')],
      ['meta', (doc) => writeMeta(doc, { title: 'Mine now' })],
    ]
    const before = JSON.stringify(server.toJSON())
    for (const [what, attempt] of attempts) {
      expect(participant.write(attempt), what).toMatch(/only the facilitator may change/)
    }
    // The same content (a restored zone may list its fields in another order).
    expect(server.toJSON()).toEqual(JSON.parse(before))
    expect(participant.doc.toJSON()).toEqual(JSON.parse(before))
  })

  it('lets a facilitator run the session but refuses malformed session values', () => {
    const { facilitator } = board()
    expect(facilitator.write((doc) => enterPhase(doc, 'realist', 5_000))).toBeNull()
    expect(readSession(facilitator.doc).phase).toBe('realist')
    const bad: Array<[Record<string, unknown>, RegExp]> = [
      [{ timer: 'soon' }, /timer must be an object/],
      [{ timer: { startedAt: 1, durationMs: 1e12, pausedRemainingMs: null } }, /durationMs/],
      [{ voting: { open: true, votesPerPerson: 1000 } }, /votesPerPerson/],
      [{ locked: 'yes' }, /locked must be a boolean/],
      [{ spotlight: { kind: 'person', id: 'x', since: 1 } }, /spotlight.kind/],
      [{ beforeSilence: 'all' }, /beforeSilence must be/],
      [{ beforeSilence: ['x'.repeat(65)] }, /beforeSilence must be/],
      [{ colour: 'red' }, /unknown session key/],
    ]
    for (const [patch, reason] of bad) {
      expect(facilitator.write((doc) => writeSession(doc, patch as never))).toMatch(reason)
    }
    expect(facilitator.write((doc) => writeMeta(doc, { title: '' }))).toMatch(/title/)
    expect(readSession(facilitator.doc)).toMatchObject({
      phase: 'realist',
      locked: false,
      timer: { durationMs: 600_000 },
    })
  })

  it('refuses every write from a viewer', () => {
    const { client, server } = board()
    const viewer = client('viewer')
    expect(viewer.write((doc) => createNote(doc, note()))).toBe('this role is read-only')
    expect(listNotes(server)).toEqual([])
  })
})

describe('write policy: the lock', () => {
  it('refuses participants’ note writes while locked, not the facilitator’s', () => {
    const { facilitator, client, server } = board('blank')
    const participant = client('participant', 'p1')
    const id = 'n1'
    expect(participant.write((doc) => createNote(doc, note({ id })))).toBeNull()
    facilitator.write((doc) => writeSession(doc, { locked: true }))
    expect(participant.write((doc) => createNote(doc, note({ text: 'locked out' })))).toBe('the board is locked')
    expect(participant.write((doc) => noteText(doc, id)?.insert(0, 'x'))).toBe('the board is locked')
    expect(participant.write((doc) => deleteNotes(doc, [id]))).toBe('the board is locked')
    expect(facilitator.write((doc) => createNote(doc, note({ text: 'facilitator' })))).toBeNull()
    expect(texts(server)).toEqual(['facilitator', 'idea'])
    expect(texts(participant.doc)).toEqual(['facilitator', 'idea'])
  })
})

describe('write policy: zones closed in the current phase', () => {
  function dreamerPhase() {
    const setup = board()
    setup.facilitator.write((doc) => enterPhase(doc, 'dreamer', 1_000))
    // A note the facilitator put in the Realist zone earlier.
    setup.facilitator.write((doc) => createNote(doc, note({ id: 'realist-note', ...inRealist, authorId: 'f' })))
    return { ...setup, participant: setup.client('participant', 'p1') }
  }

  it('lets participants write in the open zone and on the free canvas', () => {
    const { participant, server } = dreamerPhase()
    expect(participant.write((doc) => createNote(doc, note({ text: 'dream' })))).toBeNull()
    expect(participant.write((doc) => createNote(doc, note({ text: 'aside', ...onFreeCanvas })))).toBeNull()
    expect(texts(server)).toEqual(['aside', 'dream', 'idea'])
  })

  it('refuses notes created in, edited in, moved into, moved out of or deleted from a closed zone', () => {
    const { participant, server } = dreamerPhase()
    participant.write((doc) => createNote(doc, note({ id: 'mine', text: 'dream' })))
    const closed = /the zone "Realist" is closed in this phase/
    expect(participant.write((doc) => createNote(doc, note({ text: 'too early', ...inRealist })))).toMatch(closed)
    expect(participant.write((doc) => noteText(doc, 'realist-note')?.insert(0, 'edited '))).toMatch(closed)
    expect(participant.write((doc) => updateNote(doc, 'mine', inRealist))).toMatch(closed)
    expect(participant.write((doc) => updateNote(doc, 'realist-note', onFreeCanvas))).toMatch(closed)
    expect(participant.write((doc) => deleteNotes(doc, ['realist-note']))).toMatch(closed)
    // The zone field alone does not decide: a note whose centre lies in a closed zone is in it.
    expect(participant.write((doc) => createNote(doc, note({ text: 'sneaky', x: 700, y: 400, zone: null })))).toMatch(
      closed,
    )
    expect(
      participant.write((doc) => createNote(doc, note({ text: 'labelled', x: 100, y: 400, zone: 'realist' }))),
    ).toMatch(closed)
    expect(texts(server)).toEqual(['dream', 'idea'])
    expect(listNotes(server).find((n) => n.id === 'mine')).toMatchObject({ zone: 'dreamer', x: 100 })
    expect(listNotes(participant.doc).find((n) => n.id === 'realist-note')).toMatchObject({
      zone: 'realist',
      text: 'idea',
    })
  })

  it('opens the Critic zone and the question lane in the Critic phase, and reopens them on the next round', () => {
    const { facilitator, participant } = dreamerPhase()
    facilitator.write((doc) => enterPhase(doc, 'critic', 2_000))
    expect(
      participant.write((doc) => createNote(doc, note({ text: 'risk', x: 1200, y: 400, zone: 'critic' }))),
    ).toBeNull()
    expect(
      participant.write((doc) => createNote(doc, note({ text: 'How might we…?', x: 100, y: 1100, zone: 'questions' }))),
    ).toBeNull()
    expect(participant.write((doc) => createNote(doc, note({ text: 'dream' })))).toMatch(/"Dreamer" is closed/)
    facilitator.write((doc) => enterPhase(doc, 'dreamer', 3_000))
    expect(participant.write((doc) => createNote(doc, note({ text: 'dream again' })))).toBeNull()
  })

  it('judges deleting a note’s zone as setting it to null, and deleting its width or height as the default size', () => {
    const { facilitator, participant, server } = dreamerPhase()
    const closed = /the zone "Realist" is closed in this phase/
    // Labelled Realist (closed) though its centre lies in the Dreamer zone: it is in Realist.
    facilitator.write((doc) =>
      createNote(doc, note({ id: 'labelled', x: 100, y: 400, zone: 'realist', authorId: 'f' })),
    )
    expect(participant.write((doc) => updateNote(doc, 'labelled', { zone: null }))).toMatch(closed)
    expect(participant.write((doc) => getNoteMap(doc, 'labelled')?.delete('zone'))).toMatch(closed)
    expect(getNoteMap(server, 'labelled')?.get('zone')).toBe('realist')
    expect(getNoteMap(participant.doc, 'labelled')?.get('zone')).toBe('realist')
    // 60 wide, its centre (510, 480) is in the gap between Dreamer and Realist; at the default
    // 160 it would be at x 560, in Realist.
    expect(
      participant.write((doc) => createNote(doc, note({ id: 'narrow', x: 480, y: 400, width: 60, zone: null }))),
    ).toBeNull()
    expect(participant.write((doc) => getNoteMap(doc, 'narrow')?.delete('width'))).toMatch(closed)
    expect(participant.write((doc) => updateNote(doc, 'narrow', { width: NOTE_DEFAULT_SIZE }))).toMatch(closed)
    expect(getNoteMap(server, 'narrow')?.get('width')).toBe(60)
    // Back to the default size inside the open zone: allowed, and stored without the keys.
    expect(participant.write((doc) => createNote(doc, note({ id: 'wide', width: 300, height: 200 })))).toBeNull()
    expect(participant.write((doc) => getNoteMap(doc, 'wide')?.delete('width'))).toBeNull()
    expect(participant.write((doc) => getNoteMap(doc, 'wide')?.delete('height'))).toBeNull()
    expect(participant.write((doc) => getNoteMap(doc, 'wide')?.delete('zone'))).toBeNull()
    const wide = getNoteMap(server, 'wide')!
    expect(['width', 'height', 'zone'].filter((key) => wide.has(key))).toEqual([])
    expect(readNotePlacement(wide)).toMatchObject({ width: NOTE_DEFAULT_SIZE, height: NOTE_DEFAULT_SIZE, zone: null })
    // Moved into the closed zone by the facilitator, the participant may not take its label away.
    expect(facilitator.write((doc) => updateNote(doc, 'wide', { zone: 'realist' }))).toBeNull()
    expect(participant.write((doc) => getNoteMap(doc, 'wide')?.delete('zone'))).toMatch(closed)
    expect(readNotePlacement(getNoteMap(server, 'wide')!).zone).toBe('realist')
  })

  it('follows the facilitator’s changes to the zones themselves', () => {
    const { facilitator, participant } = dreamerPhase()
    participant.write((doc) => createNote(doc, note({ id: 'mine', x: 100, y: 400 })))
    // The facilitator moves the Realist zone over the participant's note.
    facilitator.write((doc) => updateZone(doc, 'realist', { x: 0, y: 350, width: 400, height: 300 }))
    expect(participant.write((doc) => noteText(doc, 'mine')?.insert(0, '!'))).toMatch(/"Realist" is closed/)
  })
})

describe('write policy: voting', () => {
  function votingRound() {
    const setup = board()
    setup.facilitator.write((doc) => {
      createNote(doc, note({ id: 'a', text: 'A' }))
      createNote(doc, note({ id: 'b', text: 'B', y: 600 }))
      createNote(doc, note({ id: 'c', text: 'C', ...inRealist }))
    })
    setup.facilitator.write((doc) => enterPhase(doc, 'converge', 5_000))
    return { ...setup, participant: setup.client('participant', 'p1') }
  }

  it('lets a participant give their dots, in any zone, up to votesPerPerson', () => {
    const { participant, server } = votingRound()
    expect(participant.write((doc) => setVotes(doc, 'a', 'p1', 2))).toBeNull()
    expect(participant.write((doc) => setVotes(doc, 'c', 'p1', 1))).toBeNull()
    expect(participant.write((doc) => setVotes(doc, 'b', 'p1', 1))).toBe('no votes left (3 per person)')
    expect(participant.write((doc) => setVotes(doc, 'a', 'p1', 3))).toBe('no votes left (3 per person)')
    // Moving a dot from one note to another at the limit is fine.
    expect(
      participant.write((doc) =>
        doc.transact(() => {
          setVotes(doc, 'a', 'p1', 1)
          setVotes(doc, 'b', 'p1', 1)
        }),
      ),
    ).toBeNull()
    expect(listNotes(server).map((n) => [n.id, n.votes])).toEqual([
      ['a', { p1: 1 }],
      ['b', { p1: 1 }],
      ['c', { p1: 1 }],
    ])
  })

  it('refuses anything but votes while voting is open', () => {
    const { participant } = votingRound()
    const onlyVotes = 'while voting is open, participants may change only votes'
    expect(participant.write((doc) => createNote(doc, note({ text: 'late idea' })))).toBe(onlyVotes)
    expect(participant.write((doc) => noteText(doc, 'a')?.insert(0, 'x'))).toBe(onlyVotes)
    expect(participant.write((doc) => updateNote(doc, 'a', { x: 150 }))).toBe(onlyVotes)
  })

  it('refuses votes in another participant’s name, and for two people at once', () => {
    const { participant, client } = votingRound()
    expect(participant.write((doc) => setVotes(doc, 'a', 'p2', 1))).toBe(
      'a participant may change only their own votes',
    )
    expect(
      participant.write((doc) =>
        doc.transact(() => {
          setVotes(doc, 'a', 'p1', 1)
          setVotes(doc, 'b', 'p9', 1)
        }),
      ),
    ).toBe('a participant may change only their own votes')
    // Judged note by note: the dot in another's name is taken back, the participant's own stays.
    expect(listNotes(participant.doc).map((n) => [n.id, n.votes])).toEqual([
      ['a', { p1: 1 }],
      ['b', {}],
      ['c', {}],
    ])
    // Without ?participant=, the first vote binds the connection to that id.
    const anonymous = client('participant')
    expect(anonymous.write((doc) => setVotes(doc, 'a', 'p5', 1))).toBeNull()
    expect(anonymous.writer.participantId).toBe('p5')
    expect(anonymous.write((doc) => setVotes(doc, 'b', 'p6', 1))).toBe('a participant may change only their own votes')
  })

  it('refuses malformed dots and votes outside an open round', () => {
    const { participant, facilitator } = votingRound()
    const raw = (value: unknown) => (doc: Y.Doc) =>
      (getNoteMap(doc, 'a')?.get('votes') as Y.Map<unknown>).set('p1', value)
    expect(participant.write(raw(-1))).toBe('a vote is a positive whole number of dots')
    expect(participant.write(raw(1.5))).toBe('a vote is a positive whole number of dots')
    expect(participant.write(raw('1'))).toBe('a vote is a positive whole number of dots')
    facilitator.write((doc) => enterPhase(doc, 'critic', 9_000))
    expect(participant.write((doc) => setVotes(doc, 'a', 'p1', 1))).toBe('voting is closed')
  })

  it('lets a participant take dots back after the facilitator lowers the limit, but not add', () => {
    const { participant, facilitator } = votingRound()
    participant.write((doc) => setVotes(doc, 'a', 'p1', 3))
    facilitator.write((doc) => openVoting(doc, 1))
    expect(participant.write((doc) => setVotes(doc, 'b', 'p1', 1))).toBe('no votes left (1 per person)')
    expect(participant.write((doc) => setVotes(doc, 'a', 'p1', 2))).toBeNull()
  })

  it('protects votes outside a round: only the facilitator deletes a voted note or clears votes', () => {
    const { participant, facilitator, server } = votingRound()
    participant.write((doc) => setVotes(doc, 'a', 'p1', 2))
    facilitator.write((doc) => enterPhase(doc, 'dreamer', 9_000))
    expect(participant.write((doc) => deleteNotes(doc, ['a']))).toBe(
      'only the facilitator may delete a note that has votes',
    )
    expect(participant.write((doc) => getNoteMap(doc, 'a')?.set('votes', new Y.Map()))).toBe(
      "participants may not change a note's votes",
    )
    expect(listNotes(server).find((n) => n.id === 'a')?.votes).toEqual({ p1: 2 })
    expect(facilitator.write((doc) => deleteNotes(doc, ['a']))).toBeNull()
  })
})

describe('write policy: silent mode and protected fields', () => {
  function silentWriting() {
    const setup = board('brainstorm')
    setup.facilitator.write((doc) => enterPhase(doc, 'silent-writing', 1_000))
    const inIdeas = { x: 100, y: 400, zone: 'ideas' }
    return { ...setup, inIdeas, aino: setup.client('participant', 'aino'), bert: setup.client('participant', 'bert') }
  }

  it('lets participants write and change only their own notes', () => {
    const { aino, bert, inIdeas, server } = silentWriting()
    expect(aino.write((doc) => createNote(doc, note({ id: 'a1', ...inIdeas, authorId: 'aino' })))).toBeNull()
    expect(bert.write((doc) => createNote(doc, note({ id: 'b1', ...inIdeas, authorId: 'bert' })))).toBeNull()
    const notOwn = 'in silent mode participants may change only their own notes'
    expect(bert.write((doc) => noteText(doc, 'a1')?.insert(0, 'x'))).toBe(notOwn)
    expect(bert.write((doc) => updateNote(doc, 'a1', { x: 300 }))).toBe(notOwn)
    expect(bert.write((doc) => deleteNotes(doc, ['a1']))).toBe(notOwn)
    expect(bert.write((doc) => createNote(doc, note({ ...inIdeas, authorId: 'aino', text: 'in her name' })))).toBe(
      notOwn,
    )
    expect(bert.write((doc) => noteText(doc, 'b1')?.insert(0, 'my '))).toBeNull()
    expect(texts(server)).toEqual(['idea', 'my idea'])
  })

  it('records the notes on the board when the facilitator turns silence on, and keeps the record from phase to silent phase', () => {
    const { facilitator, client, server } = board('brainstorm')
    const aino = client('participant', 'aino')
    expect(aino.write((doc) => createNote(doc, note({ id: 'before', ...onFreeCanvas, authorId: 'aino' })))).toBeNull()
    expect(facilitator.write((doc) => setSessionFlags(doc, { silent: true }))).toBeNull()
    expect(readSession(server)).toMatchObject({ silent: true, beforeSilence: ['before'] })
    expect(aino.write((doc) => createNote(doc, note({ id: 'during', ...onFreeCanvas, authorId: 'aino' })))).toBeNull()
    expect(facilitator.write((doc) => enterPhase(doc, 'silent-writing', 2_000))).toBeNull()
    expect(readSession(server).beforeSilence).toEqual(['before'])
    expect(facilitator.write((doc) => setSessionFlags(doc, { silent: false }))).toBeNull()
    expect(readSession(server)).toMatchObject({ silent: false, beforeSilence: null })
  })

  it('binds a connection without ?participant= to the author of its first silent note', () => {
    const { client, inIdeas } = silentWriting()
    const anonymous = client('participant')
    expect(anonymous.write((doc) => createNote(doc, note({ ...inIdeas, authorId: 'cid' })))).toBeNull()
    expect(anonymous.writer.participantId).toBe('cid')
    expect(anonymous.write((doc) => createNote(doc, note({ ...inIdeas, authorId: 'other' })))).toMatch(
      /only their own notes/,
    )
  })

  it('keeps a note’s author, creation time and idea link out of participants’ reach', () => {
    const { facilitator, client } = board('blank')
    const participant = client('participant', 'p1')
    expect(participant.write((doc) => createNote(doc, note({ id: 'n' })))).toBeNull()
    for (const field of ['authorId', 'createdAt']) {
      expect(
        participant.write((doc) => getNoteMap(doc, 'n')?.set(field, 'x')),
        field,
      ).toBe(`participants may not change a note's ${field}`)
    }
    expect(
      participant.write((doc) =>
        doc.transact(() => {
          createNote(doc, note({ id: 'fake' }))
          getNoteMap(doc, 'fake')?.set('ideaId', 'idea-1')
        }),
      ),
    ).toBe('only a promotion marks a note as an idea')
    // Idea badges are the server's (promotion, the hub's status changes): no client's, facilitators included.
    for (const field of ['ideaId', 'ideaRef', 'ideaStatus']) {
      expect(
        participant.write((doc) => getNoteMap(doc, 'n')?.set(field, 'x')),
        field,
      ).toBe('idea badges are written by the server only')
      expect(
        facilitator.write((doc) => getNoteMap(doc, 'n')?.set(field, 'x')),
        field,
      ).toBe('idea badges are written by the server only')
    }
    expect(facilitator.write((doc) => getNoteMap(doc, 'n')?.set('color', '#fff'))).toBeNull()
  })

  it('limits a note’s text for everyone', () => {
    const { facilitator, client } = board('blank')
    const participant = client('participant', 'p1')
    expect(participant.write((doc) => createNote(doc, note({ text: 'x'.repeat(5001) })))).toMatch(/limited to 5000/)
    expect(facilitator.write((doc) => createNote(doc, note({ text: 'x'.repeat(5001) })))).toMatch(/limited to 5000/)
  })
})

describe('write policy: after a refusal', () => {
  it('integrates the same client’s next writes, and judges them against the restored state', () => {
    const { facilitator, client, server } = board()
    facilitator.write((doc) => enterPhase(doc, 'dreamer', 1_000))
    const participant = client('participant', 'p1')
    participant.write((doc) => createNote(doc, note({ id: 'mine', text: 'dream' })))
    expect(participant.write((doc) => updateNote(doc, 'mine', inRealist))).toMatch(/closed/)
    // The refused move was undone everywhere; moving within the open zone is fine.
    expect(participant.write((doc) => updateNote(doc, 'mine', { x: 150 }))).toBeNull()
    expect(participant.write((doc) => createNote(doc, note({ text: 'next' })))).toBeNull()
    expect(listNotes(server).find((n) => n.id === 'mine')).toMatchObject({ x: 150, zone: 'dreamer' })
    expect(texts(server)).toEqual(['dream', 'next'])
    expect(texts(participant.doc)).toEqual(['dream', 'next'])
  })
})

describe('write policy: each note of a write on its own', () => {
  it('keeps the valid notes of a batch and reverts only the refused ones, naming them', () => {
    const { facilitator, client, server } = board()
    facilitator.write((doc) => enterPhase(doc, 'dreamer', 1_000))
    facilitator.write((doc) => createNote(doc, note({ id: 'realist-note', ...inRealist, authorId: 'f' })))
    const participant = client('participant', 'p1')
    participant.write((doc) => createNote(doc, note({ id: 'mine', text: 'dream' })))
    // One update, as offline work arrives on reconnect: two changes the phase allows, two it does not.
    const reason = participant.write((doc) =>
      doc.transact(() => {
        createNote(doc, note({ id: 'ok-new', text: 'another dream', y: 600 }))
        noteText(doc, 'mine')?.insert(0, 'big ')
        createNote(doc, note({ id: 'too-early', text: 'realism', ...inRealist }))
        deleteNotes(doc, ['realist-note'])
      }),
    )
    expect(reason).toMatch(/"Realist" is closed/)
    expect(participant.denied).toEqual([
      'the zone "Realist" is closed in this phase [note:too-early note:realist-note]',
    ])
    for (const doc of [server, participant.doc, facilitator.doc]) {
      expect(texts(doc)).toEqual(['another dream', 'big dream', 'idea'])
    }
    expect(getNoteMap(server, 'too-early')).toBeNull()
    // The same client's next write integrates: the clock sequence survived the partial revert.
    expect(participant.write((doc) => noteText(doc, 'ok-new')?.insert(0, '!'))).toBeNull()
    expect(texts(server)).toContain('!another dream')
  })

  it('refuses content the board has no place for and keeps the rest of the write', () => {
    const { client, server } = board('blank')
    const participant = client('participant', 'p1')
    const reason = participant.write((doc) =>
      doc.transact(() => {
        createNote(doc, note({ id: 'kept', zone: null }))
        doc.getArray('extra').insert(0, ['x'.repeat(10_000)])
        getNoteMap(doc, 'kept')?.get('text')
      }),
    )
    expect(reason).toBe('unknown root type "extra"')
    expect(texts(server)).toEqual(['idea'])
    expect(new TextDecoder().decode(Y.encodeStateAsUpdate(server))).not.toContain('xxxxxxxxxx')
  })

  it('refuses a map entry that carries more than one value (only the last would be read)', () => {
    const { client, server } = board('blank')
    const participant = client('participant', 'p1')
    const reason = participant.write((doc) =>
      doc.transact(() => {
        createNote(doc, note({ id: 'stuffed', zone: null }))
        // Hand-made, as a hostile client would: a second, hidden value in the entry's struct.
        const entry = (getNoteMap(doc, 'stuffed') as unknown as { _map: Map<string, Y.Item> })._map.get('color')
        if (!entry || !(entry.content instanceof Y.ContentAny)) throw new Error('no color entry')
        entry.content.arr.push('hidden '.repeat(1000))
        entry.length = 2
      }),
    )
    expect(reason).toBe("a note's color must be a plain value")
    expect(getNoteMap(server, 'stuffed')).toBeNull()
    expect(new TextDecoder().decode(Y.encodeStateAsUpdate(server))).not.toContain('hidden')
  })

  it('judges every field of a new note and each changed field of an existing one', () => {
    const { facilitator, client } = board('blank')
    const participant = client('participant', 'p1')
    const raw = (id: string, key: string, value: unknown) => (doc: Y.Doc) =>
      doc.transact(() => {
        if (!getNoteMap(doc, id)) createNote(doc, note({ id, zone: null }))
        getNoteMap(doc, id)?.set(key, value)
      })
    const cases: Array<[string, unknown, RegExp]> = [
      ['x', Number.NaN, /x must be a number/],
      ['y', 2e6, /y must be a number/],
      ['width', 10, /width must be a number from 60 to 1200/],
      ['height', 5000, /height must be a number from 60 to 1200/],
      ['color', 'red', /colour/],
      ['zone', 42, /zone id or null/],
      ['authorId', 'has spaces', /participant id/],
      ['authorName', 'x'.repeat(41), /authorName/],
      ['createdAt', -5, /createdAt/],
      ['text', 'plain string', /Y\.Text/],
      ['votes', 3, /votes must be a Y\.Map/],
      ['heldBack', 'phase-moved-on', /unknown note field "heldBack"/],
      ['comment', 'hello', /unknown note field "comment"/],
    ]
    cases.forEach(([key, value, reason], i) => {
      for (const who of [participant, facilitator]) {
        expect(who.write(raw(`new-${key}-${i}-${who.writer.role}`, key, value)), `${key} on a new note`).toMatch(reason)
      }
    })
    // An existing note: only what changes is judged, and a valid change passes.
    facilitator.write((doc) => createNote(doc, note({ id: 'old', zone: null })))
    expect(facilitator.write((doc) => getNoteMap(doc, 'old')?.set('width', 10))).toMatch(/width/)
    expect(facilitator.write((doc) => getNoteMap(doc, 'old')?.set('width', 300))).toBeNull()
  })

  it('takes a new note without width, height and zone, and refuses one without a required field', () => {
    const { facilitator, client, server } = board('blank')
    const participant = client('participant', 'p1')
    expect(participant.write((doc) => createNote(doc, note({ id: 'bare', zone: null })))).toBeNull()
    const bare = getNoteMap(server, 'bare')!
    expect(['width', 'height', 'zone'].filter((key) => bare.has(key))).toEqual([])
    expect(
      participant.write((doc) => updateNote(doc, 'bare', { width: 200, height: 90, zone: 'somewhere' })),
    ).toBeNull()
    expect(readNotePlacement(getNoteMap(server, 'bare')!)).toMatchObject({ width: 200, height: 90, zone: 'somewhere' })
    // The optional keys are still judged when they are there.
    expect(participant.write((doc) => updateNote(doc, 'bare', { width: 10 }))).toMatch(/width must be a number/)
    // The other fields stay required: on a new note, and deleted from an existing one.
    const without = (id: string, key: string) => (doc: Y.Doc) =>
      doc.transact(() => {
        createNote(doc, note({ id, zone: null }))
        getNoteMap(doc, id)?.delete(key)
      })
    const required: Array<[string, RegExp]> = [
      ['x', /x must be a number/],
      ['color', /colour/],
      ['authorId', /participant id/],
      ['authorName', /authorName/],
      ['createdAt', /createdAt/],
      ['text', /Y\.Text/],
      ['votes', /votes must be a Y\.Map/],
    ]
    for (const [key, reason] of required) {
      for (const who of [participant, facilitator]) {
        expect(who.write(without(`without-${key}-${who.writer.role}`, key)), `a new note without ${key}`).toMatch(
          reason,
        )
      }
      expect(
        facilitator.write((doc) => getNoteMap(doc, 'bare')?.delete(key)),
        `${key} deleted`,
      ).toMatch(reason)
    }
    expect(getNoteMap(server, 'bare')?.get('x')).toBe(100)
  })

  it('refuses new notes past the budget, one by one, and keeps the notes that fit', () => {
    const { client, server } = board('blank', { maxNotes: 3 })
    const participant = client('participant', 'p1')
    participant.write((doc) => createNote(doc, note({ id: 'a', zone: null })))
    const reason = participant.write((doc) =>
      doc.transact(() => {
        for (const id of ['b', 'c', 'd', 'e']) createNote(doc, note({ id, text: id, zone: null }))
      }),
    )
    expect(reason).toBe('the board is full (at most 3 notes); new notes are refused')
    expect(
      listNotes(server)
        .map((n) => n.id)
        .sort(),
    ).toEqual(['a', 'b', 'c'])
    // Deleting one makes room for one.
    expect(participant.write((doc) => deleteNotes(doc, ['a']))).toBeNull()
    expect(participant.write((doc) => createNote(doc, note({ id: 'f', zone: null })))).toBeNull()
  })
})

describe('write policy: a move, judged without the full judgement', () => {
  /** Whether the server recognised the client's next write as a move (noteMoveOf). */
  function recognises(fn: (doc: Y.Doc) => void): boolean {
    const { server, facilitator } = board('blank')
    facilitator.write((doc) => createNote(doc, note({ id: 'n', zone: null })))
    let move: ReturnType<typeof noteMoveOf> | undefined
    const see = (transaction: Y.Transaction) => {
      if (transaction.origin !== Remote) move = noteMoveOf(transaction, server.getMap('notes'))
    }
    const client = new Y.Doc()
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server))
    client.on('update', (update: Uint8Array) => {
      server.on('afterTransaction', see)
      Y.applyUpdate(server, update)
      server.off('afterTransaction', see)
    })
    fn(client)
    return move !== null && move !== undefined
  }
  /** x and y of note n hand-made as a hostile client would: a struct holding a second value. */
  const stuffed = (doc: Y.Doc) =>
    doc.transact(() => {
      updateNote(doc, 'n', { x: 5 })
      const entry = (getNoteMap(doc, 'n') as unknown as { _map: Map<string, Y.Item> })._map.get('x')
      if (!entry || !(entry.content instanceof Y.ContentAny)) throw new Error('no x entry')
      entry.content.arr.push(6)
      entry.length = 2
    })

  it('recognises a write of x and y of one existing note as a move, and nothing else', () => {
    expect(recognises((doc) => updateNote(doc, 'n', { x: 5, y: 6 }))).toBe(true)
    expect(recognises((doc) => updateNote(doc, 'n', { y: 6 }))).toBe(true)
    expect(recognises((doc) => updateNote(doc, 'n', { x: 5, zone: null }))).toBe(false)
    expect(recognises((doc) => updateNote(doc, 'n', { width: 300 }))).toBe(false)
    expect(recognises((doc) => getNoteMap(doc, 'n')?.set('x', new Y.Map()))).toBe(false)
    expect(recognises((doc) => getNoteMap(doc, 'n')?.delete('x'))).toBe(false)
    expect(recognises(stuffed)).toBe(false)
    expect(
      recognises((doc) =>
        doc.transact(() => {
          updateNote(doc, 'n', { x: 5 })
          doc.getArray('extra').insert(0, ['x'])
        }),
      ),
    ).toBe(false)
    expect(recognises((doc) => createNote(doc, note({ id: 'm', zone: null })))).toBe(false)
    expect(recognises((doc) => deleteNotes(doc, ['n']))).toBe(false)
  })

  it('refuses and reverts the moves the rules forbid: malformed coordinates, a viewer, a lock, voting', () => {
    const { server, facilitator, client } = board('blank')
    const participant = client('participant', 'p1')
    const viewer = client('viewer')
    expect(participant.write((doc) => createNote(doc, note({ id: 'n', x: 100, y: 400, zone: null })))).toBeNull()
    expect(participant.write((doc) => updateNote(doc, 'n', { x: 150, y: 450 }))).toBeNull()
    expect(participant.write((doc) => updateNote(doc, 'n', { x: Number.NaN }))).toMatch(/x must be a number/)
    expect(participant.write((doc) => updateNote(doc, 'n', { y: 2e6 }))).toMatch(/y must be a number/)
    expect(participant.write((doc) => getNoteMap(doc, 'n')?.set('x', new Y.Map()))).toMatch(/x must be a plain value/)
    expect(participant.write(stuffed)).toMatch(/x must be a plain value/)
    expect(viewer.write((doc) => updateNote(doc, 'n', { x: 1 }))).toBe('this role is read-only')
    facilitator.write((doc) => writeSession(doc, { locked: true }))
    expect(participant.write((doc) => updateNote(doc, 'n', { x: 1 }))).toBe('the board is locked')
    expect(facilitator.write((doc) => updateNote(doc, 'n', { x: 160 }))).toBeNull()
    facilitator.write((doc) => writeSession(doc, { locked: false }))
    facilitator.write((doc) => openVoting(doc, 3))
    expect(participant.write((doc) => updateNote(doc, 'n', { x: 1 }))).toMatch(/participants may change only votes/)
    for (const doc of [server, participant.doc])
      expect(getNoteMap(doc, 'n')?.toJSON()).toMatchObject({ x: 160, y: 450 })
  })

  it('refuses moves into and out of a closed zone, judged against where the last accepted move left the note', () => {
    const { facilitator, client, server } = board()
    facilitator.write((doc) => enterPhase(doc, 'dreamer', 1_000))
    const participant = client('participant', 'p1')
    expect(participant.write((doc) => createNote(doc, note({ id: 'n', x: 100, y: 400, zone: null })))).toBeNull()
    const closed = /the zone "Realist" is closed in this phase/
    expect(participant.write((doc) => updateNote(doc, 'n', { x: 700 }))).toMatch(closed)
    expect(participant.write((doc) => updateNote(doc, 'n', { x: 120, y: 420 }))).toBeNull()
    // The facilitator moves the note into the closed zone: the participant may not move it out.
    expect(facilitator.write((doc) => updateNote(doc, 'n', { x: 700 }))).toBeNull()
    expect(participant.write((doc) => updateNote(doc, 'n', { x: 100 }))).toMatch(closed)
    expect(getNoteMap(server, 'n')?.toJSON()).toMatchObject({ x: 700, y: 420 })
    // Moved back out by the facilitator, it is the participant's to move again.
    expect(facilitator.write((doc) => updateNote(doc, 'n', { x: 110 }))).toBeNull()
    expect(participant.write((doc) => updateNote(doc, 'n', { x: 130 }))).toBeNull()
  })

  it('lets a participant move only their own notes in silent mode', () => {
    const { facilitator, client } = board('brainstorm')
    facilitator.write((doc) => enterPhase(doc, 'silent-writing', 1_000))
    const aino = client('participant', 'aino')
    const bert = client('participant', 'bert')
    const anonymous = client('participant')
    expect(
      aino.write((doc) => createNote(doc, note({ id: 'a1', x: 100, y: 400, zone: 'ideas', authorId: 'aino' }))),
    ).toBeNull()
    const notOwn = 'in silent mode participants may change only their own notes'
    expect(bert.write((doc) => updateNote(doc, 'a1', { x: 120 }))).toBe(notOwn)
    expect(anonymous.write((doc) => updateNote(doc, 'a1', { x: 120 }))).toBe(notOwn)
    expect(aino.write((doc) => updateNote(doc, 'a1', { x: 130 }))).toBeNull()
    expect(getNoteMap(bert.doc, 'a1')?.get('x')).toBe(130)
  })
})
