import * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BoardCreated } from '@shared/api/boards.ts'
import {
  createNote,
  listNotes,
  noteText,
  readSession,
  setVotes,
  updateNote,
  writeSession,
  type NewNote,
} from '@shared/board/index.ts'
import {
  closeVoting,
  enterPhase,
  estimateClockOffset,
  rankNotes,
  remainingVotes,
  resumeTimer,
  serverTime,
  timerView,
} from '@shared/facilitation/index.ts'
import { connectClient, type TestClient } from '../helpers/clients.ts'
import { eventually } from '../helpers/poll.ts'
import { startServer, type TestServer } from '../helpers/server.ts'

/** Coordinates inside the Disney layout's zones. */
const at = {
  focus: { x: 40, y: 40, zone: 'focus' },
  dreamer: { x: 40, y: 340, zone: 'dreamer' },
  realist: { x: 580, y: 340, zone: 'realist' },
  critic: { x: 1120, y: 340, zone: 'critic' },
  questions: { x: 40, y: 1080, zone: 'questions' },
} as const

describe('facilitation enforced on a real server with y-websocket clients', () => {
  let server: TestServer
  const clients: TestClient[] = []

  beforeAll(async () => {
    server = await startServer()
  })
  afterAll(async () => {
    for (const client of clients) client.destroy()
    await server.close()
  })

  async function disneyBoard() {
    const board: BoardCreated = await server.createBoard('Kirjaston aukioloajat', 'disney')
    const join = async (role: 'facilitator' | 'participant' | 'viewer', participant?: string) => {
      const client = connectClient(
        server.syncUrl,
        board.id,
        board.tokens[role],
        participant ? { params: { participant } } : {},
      )
      clients.push(client)
      await client.synced()
      return client
    }
    const facilitator = await join('facilitator')
    const aino = await join('participant', 'aino')
    const bert = await join('participant', 'bert')
    const note = (author: string, text: string, place: { x: number; y: number; zone: string }): NewNote => ({
      ...place,
      text,
      color: '#fde68a',
      authorId: author,
      authorName: author,
    })
    /** Waits until every client sees exactly these note texts. */
    const everyoneSees = (expected: string[]) =>
      eventually(() => {
        for (const client of [facilitator, aino, bert])
          expect(
            listNotes(client.doc)
              .map((n) => n.text)
              .sort(),
          ).toEqual([...expected].sort())
      })
    const room = async () => {
      const loaded = await server.app.sync.rooms.peek(board.id)
      if (!loaded) throw new Error('room not loaded')
      return loaded
    }
    return { board, facilitator, aino, bert, join, note, everyoneSees, room }
  }

  it('reverts a participant’s change of the phase, the lock and the timer; their next note still reaches everyone', async () => {
    const { facilitator, aino, note, everyoneSees, room } = await disneyBoard()
    const original = readSession(facilitator.doc)
    const attempts: Array<[string, () => void]> = [
      ['phase', () => writeSession(aino.doc, { phase: 'converge' })],
      ['lock', () => writeSession(aino.doc, { locked: true })],
      [
        'timer',
        () => writeSession(aino.doc, { timer: { startedAt: Date.now(), durationMs: 1, pausedRemainingMs: null } }),
      ],
    ]
    const written: string[] = []
    for (const [what, attempt] of attempts) {
      attempt()
      await eventually(() => expect(readSession(aino.doc), what).toEqual(original))
      // The gap: the same client's next permitted write must integrate on the server.
      const text = `after the ${what}`
      createNote(aino.doc, note('aino', text, at.focus))
      written.push(text)
      await everyoneSees(written)
      expect(readSession(facilitator.doc)).toEqual(original)
    }
    expect((await room()).doc.store.pendingStructs).toBeNull()
  })

  it('keeps closed zones read-only for participants, and the refused text never reaches anyone', async () => {
    const { facilitator, aino, bert, note, everyoneSees } = await disneyBoard()
    enterPhase(facilitator.doc, 'dreamer', Date.now())
    await eventually(() => expect(readSession(aino.doc).phase).toBe('dreamer'))

    const dream = createNote(aino.doc, note('aino', 'Kirjasto auki myös iltaisin', at.dreamer))
    await everyoneSees(['Kirjasto auki myös iltaisin'])

    createNote(bert.doc, note('bert', 'Kuka maksaa?', at.critic))
    updateNote(aino.doc, dream, at.realist)
    await eventually(() => {
      expect(listNotes(bert.doc).map((n) => n.text)).toEqual(['Kirjasto auki myös iltaisin'])
      expect(listNotes(aino.doc).find((n) => n.id === dream)?.zone).toBe('dreamer')
    })
    createNote(bert.doc, note('bert', 'Omatoimikirjasto', at.dreamer))
    await everyoneSees(['Kirjasto auki myös iltaisin', 'Omatoimikirjasto'])
    expect(new TextDecoder().decode(Y.encodeStateAsUpdate(facilitator.doc))).not.toContain('Kuka maksaa?')

    // The next phase opens the Realist zone and closes the Dreamer zone.
    enterPhase(facilitator.doc, 'realist', Date.now())
    await eventually(() => expect(readSession(bert.doc).phase).toBe('realist'))
    noteText(bert.doc, dream)?.insert(0, 'Muokattu: ')
    createNote(bert.doc, note('bert', 'Kokeillaan yhdessä kirjastossa', at.realist))
    await everyoneSees(['Kirjasto auki myös iltaisin', 'Omatoimikirjasto', 'Kokeillaan yhdessä kirjastossa'])
  })

  it('refuses participants’ writes and votes on a locked board', async () => {
    const { facilitator, aino, note, everyoneSees } = await disneyBoard()
    writeSession(facilitator.doc, { locked: true })
    await eventually(() => expect(readSession(aino.doc).locked).toBe(true))
    createNote(aino.doc, note('aino', 'while locked', at.focus))
    await eventually(() => expect(listNotes(aino.doc)).toEqual([]))
    writeSession(facilitator.doc, { locked: false })
    await eventually(() => expect(readSession(aino.doc).locked).toBe(false))
    createNote(aino.doc, note('aino', 'unlocked', at.focus))
    await everyoneSees(['unlocked'])
  })

  it('holds each participant to their dots, their own name and an open round; closing ranks the notes', async () => {
    const { facilitator, aino, bert, note, everyoneSees } = await disneyBoard()
    const ids = ['A', 'B', 'C'].map((text, index) =>
      createNote(facilitator.doc, note('f', text, { ...at.dreamer, y: 340 + index * 200 })),
    )
    await everyoneSees(['A', 'B', 'C'])
    enterPhase(facilitator.doc, 'converge', Date.now())
    await eventually(() => expect(readSession(aino.doc).voting.open).toBe(true))
    const [a, b, c] = ids as [string, string, string]

    setVotes(aino.doc, a, 'aino', 2)
    setVotes(aino.doc, b, 'aino', 1)
    await eventually(() =>
      expect(remainingVotes(listNotes(facilitator.doc), 'aino', readSession(facilitator.doc))).toBe(0),
    )
    setVotes(aino.doc, c, 'aino', 1) // a fourth dot
    setVotes(aino.doc, c, 'bert', 3) // in Bert's name
    createNote(aino.doc, note('aino', 'not now', at.dreamer)) // only votes while voting
    await eventually(() => {
      const notes = listNotes(aino.doc)
      expect(notes.find((n) => n.id === c)?.votes).toEqual({})
      expect(notes.map((n) => n.text).sort()).toEqual(['A', 'B', 'C'])
    })
    setVotes(bert.doc, c, 'bert', 3)
    await eventually(() => expect(listNotes(facilitator.doc).find((n) => n.id === c)?.votes).toEqual({ bert: 3 }))

    closeVoting(facilitator.doc)
    await eventually(() => expect(readSession(bert.doc).voting.open).toBe(false))
    setVotes(bert.doc, a, 'bert', 1) // too late
    await eventually(() => expect(listNotes(bert.doc).find((n) => n.id === a)?.votes).toEqual({ aino: 2 }))
    const ranking = rankNotes(listNotes(bert.doc)).map((entry) => [entry.note.text, entry.votes, entry.rank])
    expect(ranking).toEqual([
      ['C', 3, 1],
      ['A', 2, 2],
      ['B', 1, 3],
    ])
  })

  it('runs a whole Disney session: phases with the server-clock timer, every role’s zone, the loop back, the dot vote', async () => {
    const { facilitator, aino, bert, note, everyoneSees } = await disneyBoard()
    // The facilitator's client learns the server clock as the UI would.
    const samples = []
    for (let i = 0; i < 3; i++) {
      const sentAt = Date.now()
      const { now } = (await (await fetch(`${server.url}/api/time`)).json()) as { now: number }
      samples.push({ sentAt, receivedAt: Date.now(), serverNow: now })
    }
    const offset = estimateClockOffset(samples)
    const now = () => serverTime(Date.now(), offset)

    createNote(facilitator.doc, note('f', 'Kirjaston palvelut tavoittavat myös työssäkäyvät', at.focus))
    const run = async (
      phase: string,
      writes: Array<[TestClient, string, string, { x: number; y: number; zone: string }]>,
    ) => {
      enterPhase(facilitator.doc, phase, now())
      const session = readSession(facilitator.doc)
      if (session.timer) writeSession(facilitator.doc, { timer: resumeTimer(session.timer, now()) })
      await eventually(() => {
        const seen = readSession(aino.doc)
        expect(seen.phase).toBe(phase)
        expect(timerView(seen.timer, now()).status).toMatch(/running|idle/)
      })
      for (const [client, author, text, place] of writes) createNote(client.doc, note(author, text, place))
    }
    await run('dreamer', [
      [aino, 'aino', 'Auki iltaisin', at.dreamer],
      [bert, 'bert', 'Lainaus kauppakeskuksessa', at.dreamer],
    ])
    await run('realist', [[aino, 'aino', 'Omatoimiaika klo 20–22', at.realist]])
    await run('critic', [
      [bert, 'bert', 'Turvallisuus?', at.critic],
      [bert, 'bert', 'Miten voisimme taata turvallisuuden?', at.questions],
    ])
    // The loop: back to the Dreamer with the Critic's question.
    await run('dreamer', [[aino, 'aino', 'Henkilökuntaa paikalla kerran viikossa', at.dreamer]])
    await run('converge', [])
    await everyoneSees([
      'Kirjaston palvelut tavoittavat myös työssäkäyvät',
      'Auki iltaisin',
      'Lainaus kauppakeskuksessa',
      'Omatoimiaika klo 20–22',
      'Turvallisuus?',
      'Miten voisimme taata turvallisuuden?',
      'Henkilökuntaa paikalla kerran viikossa',
    ])
    const byText = (text: string) => listNotes(facilitator.doc).find((n) => n.text === text)?.id ?? ''
    setVotes(aino.doc, byText('Omatoimiaika klo 20–22'), 'aino', 2)
    setVotes(aino.doc, byText('Auki iltaisin'), 'aino', 1)
    setVotes(bert.doc, byText('Omatoimiaika klo 20–22'), 'bert', 1)
    setVotes(bert.doc, byText('Henkilökuntaa paikalla kerran viikossa'), 'bert', 2)
    await eventually(() =>
      expect(listNotes(facilitator.doc).reduce((sum, n) => sum + Object.keys(n.votes).length, 0)).toBe(4),
    )
    closeVoting(facilitator.doc)
    await eventually(() => expect(readSession(aino.doc).voting.open).toBe(false))
    expect(rankNotes(listNotes(aino.doc)).map((entry) => [entry.note.text, entry.votes])).toEqual([
      ['Omatoimiaika klo 20–22', 3],
      ['Henkilökuntaa paikalla kerran viikossa', 2],
      ['Auki iltaisin', 1],
    ])
  })
})
