import WebSocket from 'ws'
import { describe, expect, it } from 'vitest'
import { getNote, listNotes, writeSession } from '@shared/board/index.ts'
import { CloseCode } from '@shared/protocol.ts'
import { BoardSession } from '../../client/src/board/data/board-session.ts'
import { BoardCommands } from '../../client/src/board/input/commands.ts'
import { BoardUiState } from '../../client/src/board/view/ui-state.ts'
import { ViewportStore } from '../../client/src/board/view/viewport.ts'
import type { RefusalCode } from '../../client/src/board/data/note-rules.ts'
import { eventually } from '../helpers/poll.ts'
import { connectClient } from '../helpers/clients.ts'
import { startServer, tempDataDir } from '../helpers/server.ts'
import { sessionIdentity, useSessionServer } from '../helpers/sessions.ts'

/** The client's data layer (no React, no DOM) against a real suite.server. */
describe('BoardSession against a real server', () => {
  const suite = useSessionServer()
  const { connected } = suite
  const open = (boardId: string, token: string, name: string, url?: string) =>
    suite.open(boardId, token, name, url === undefined ? {} : { syncUrl: url })

  it('syncs notes both ways and re-renders only the note that changed', async () => {
    const board = await suite.server.createBoard('Two people')
    const aino = open(board.id, board.tokens.facilitator, 'Aino')
    const ben = open(board.id, board.tokens.participant, 'Ben')
    await Promise.all([connected(aino), connected(ben)])
    expect(ben.role).toBe('participant')

    const first = aino.writer.createNoteAt({ x: 100, y: 100 }, '#fde68a')
    const second = aino.writer.createNoteAt({ x: 400, y: 100 }, '#bfdbfe')
    aino.writer.editText(first, 0, 0, 'Hello from Aino')
    await eventually(() => expect(ben.stores.notes.get(first)?.text).toBe('Hello from Aino'))
    expect(ben.stores.notes.get(first)?.authorName).toBe('Aino')

    const renders: string[] = []
    ben.stores.notes.subscribeNote(first, () => renders.push('first'))
    ben.stores.notes.subscribeNote(second, () => renders.push('second'))
    aino.writer.moveNotes(new Map([[second, { x: 900, y: 50 }]]))
    await eventually(() => expect(ben.stores.notes.get(second)?.x).toBe(900))
    expect(renders).toEqual(['second'])

    ben.writer.setNoteColor([first], '#bbf7d0')
    await eventually(() => expect(aino.stores.notes.get(first)?.color).toBe('#bbf7d0'))
  })

  it('records the zone a note lands in', async () => {
    const board = await suite.server.createBoard('Zones')
    const facilitator = open(board.id, board.tokens.facilitator, 'Fia')
    await connected(facilitator)
    const zone = facilitator.writer.createFrame({ x: 0, y: 0, width: 800, height: 600 }, 'Dreamer', '#eee')
    const id = facilitator.writer.createNoteAt({ x: 2000, y: 2000 }, '#fde68a')
    expect(facilitator.stores.notes.get(id)?.zone).toBeNull()
    facilitator.writer.moveNotes(new Map([[id, { x: 100, y: 100 }]]))
    expect(facilitator.stores.notes.get(id)?.zone).toBe(zone)
  })

  it('deletes a zone but keeps its notes, asks first when it has notes, undoes, and refuses a participant', async () => {
    const board = await suite.server.createBoard('Delete a zone')
    const facilitator = open(board.id, board.tokens.facilitator, 'Fia')
    const participant = open(board.id, board.tokens.participant, 'Pia')
    await Promise.all([connected(facilitator), connected(participant)])
    const commands = new BoardCommands(facilitator, new BoardUiState(), new ViewportStore(), { current: null })
    const outer = facilitator.writer.createFrame({ x: 0, y: 0, width: 2000, height: 2000 }, 'Outer', '#eee')
    const inner = facilitator.writer.createFrame({ x: 100, y: 100, width: 600, height: 400 }, 'Inner', '#ddd')
    const empty = facilitator.writer.createFrame({ x: 1200, y: 1200, width: 300, height: 300 }, 'Empty', '#ccc')
    const noteIn = facilitator.writer.createNoteAt({ x: 300, y: 300 }, '#fde68a')
    expect(facilitator.stores.notes.get(noteIn)?.zone).toBe(inner)
    const { x, y } = facilitator.stores.notes.get(noteIn)!
    await eventually(() => expect(participant.stores.notes.get(noteIn)?.zone).toBe(inner))

    // A participant cannot delete a zone: the server refuses and the zone comes back.
    const refusals: RefusalCode[] = []
    participant.refusals.on((code) => refusals.push(code))
    participant.writer.deleteZone(inner)
    await eventually(() => expect(refusals).toEqual(['facilitator-only']))
    await eventually(() => expect(participant.stores.zones.get().map((z) => z.id)).toContain(inner))
    // Each item of a write is judged on its own: re-homing the note is a note change a
    // participant may make, so it stays; the note keeps its place. The facilitator puts it back.
    await eventually(() => expect(facilitator.stores.notes.get(noteIn)).toMatchObject({ x, y, zone: outer }))
    facilitator.writer.moveNotes(new Map([[noteIn, { x, y }]]))
    await eventually(() => expect(participant.stores.notes.get(noteIn)?.zone).toBe(inner))

    // An empty zone goes at once; one with notes waits for a confirmation.
    commands.requestDeleteZone(empty)
    expect(facilitator.stores.zones.get().map((z) => z.id)).not.toContain(empty)
    const ui = new BoardUiState()
    const confirming = new BoardCommands(facilitator, ui, new ViewportStore(), { current: null })
    confirming.requestDeleteZone(inner)
    expect(ui.zoneToDelete.get()).toBe(inner)
    expect(facilitator.stores.zones.get().map((z) => z.id)).toContain(inner)
    confirming.deleteZone(inner)
    expect(ui.zoneToDelete.get()).toBeNull()
    // The note stays where it was, now in the zone around it.
    await eventually(() => expect(participant.stores.zones.get().map((z) => z.id)).not.toContain(inner))
    expect(participant.stores.notes.get(noteIn)).toMatchObject({ x, y, zone: outer })

    // Undo brings the zone back with its note in it, for everyone.
    confirming.undo()
    await eventually(() => expect(participant.stores.zones.get().map((z) => z.id)).toContain(inner))
    await eventually(() => expect(participant.stores.notes.get(noteIn)?.zone).toBe(inner))
  })

  it("undoes only one's own changes", async () => {
    const board = await suite.server.createBoard('Undo')
    const aino = open(board.id, board.tokens.participant, 'Aino')
    const ben = open(board.id, board.tokens.participant, 'Ben')
    await Promise.all([connected(aino), connected(ben)])
    const mine = aino.writer.createNoteAt({ x: 0, y: 0 }, '#fde68a')
    const theirs = ben.writer.createNoteAt({ x: 500, y: 0 }, '#fde68a')
    await eventually(() => expect(aino.stores.notes.get(theirs)).toBeDefined())
    aino.undo.stopCapturing()
    ben.undo.stopCapturing()

    aino.writer.moveNotes(new Map([[mine, { x: 50, y: 50 }]]))
    await eventually(() => expect(ben.stores.notes.get(mine)?.x).toBe(50))
    ben.writer.moveNotes(new Map([[theirs, { x: 700, y: 70 }]]))
    await eventually(() => expect(aino.stores.notes.get(theirs)?.x).toBe(700))

    expect(aino.undo.undo()).toBe(true)
    await eventually(() => expect(ben.stores.notes.get(mine)?.x).toBe(-80))
    expect(aino.stores.notes.get(theirs)?.x).toBe(700) // Ben's move stays
    expect(aino.undo.redo()).toBe(true)
    await eventually(() => expect(ben.stores.notes.get(mine)?.x).toBe(50))
  })

  it('tells the user when the server refuses a write, and mirrors the lock', async () => {
    const board = await suite.server.createBoard('Refusals')
    const facilitator = open(board.id, board.tokens.facilitator, 'Fia')
    const viewer = open(board.id, board.tokens.viewer, 'Vera')
    await Promise.all([connected(facilitator), connected(viewer)])
    expect(viewer.capabilities.get()).toMatchObject({ role: 'viewer', editNotes: false, editZones: false })
    // The server drops a viewer's writes without a word (the UI offers none): nobody else sees them.
    const sneaky = viewer.writer.createNoteAt({ x: 0, y: 0 }, '#fde68a')
    const probe = facilitator.writer.createNoteAt({ x: 500, y: 0 }, '#fde68a')
    await eventually(() => expect(viewer.stores.notes.get(probe)).toBeDefined())
    expect(facilitator.stores.notes.get(sneaky)).toBeUndefined()

    const participant = open(board.id, board.tokens.participant, 'Pia')
    await connected(participant)
    expect(participant.capabilities.get()).toMatchObject({ editNotes: true, editZones: false })
    // A participant's zone change is refused with a reason, and reverted on its own replica.
    const refusals: RefusalCode[] = []
    participant.refusals.on((reason) => refusals.push(reason))
    const frame = participant.writer.createFrame({ x: 0, y: 0, width: 300, height: 300 }, 'Mine', '#eee')
    await eventually(() => expect(refusals).toEqual(['facilitator-only']))
    await eventually(() => expect(participant.stores.zones.get().map((z) => z.id)).not.toContain(frame))
    writeSession(facilitator.doc, { locked: true }, facilitator.origin)
    await eventually(() => expect(participant.capabilities.get().editNotes).toBe(false))
    expect(facilitator.capabilities.get().editNotes).toBe(true)
  })

  it('runs a dot vote through the commands: dots within the limit, refusals, a ranking once closed', async () => {
    const board = await suite.server.createBoard('Vote', 'disney')
    const fia = open(board.id, board.tokens.facilitator, 'Fia')
    const ben = open(board.id, board.tokens.participant, 'Ben')
    const cleo = open(board.id, board.tokens.participant, 'Cleo')
    await Promise.all([connected(fia), connected(ben), connected(cleo)])
    const commandsOf = (session: BoardSession) =>
      new BoardCommands(session, new BoardUiState(), new ViewportStore(), { current: null })
    const [benDo, cleoDo] = [commandsOf(ben), commandsOf(cleo)]
    const first = fia.writer.createNoteAt({ x: 100, y: 500 }, '#fde68a', 'first')
    const second = fia.writer.createNoteAt({ x: 300, y: 500 }, '#fde68a', 'second')
    await eventually(() => expect(cleo.stores.notes.get(second)).toBeDefined())

    const refusals: RefusalCode[] = []
    ben.refusals.on((code) => refusals.push(code))
    expect(benDo.vote(first, 1)).toBe(false) // no round open
    expect(refusals).toEqual(['vote-closed'])
    fia.controls.openVoting(2, false)
    await eventually(() => expect(ben.stores.session.get().voting.open).toBe(true))
    expect(benDo.clickVotes()).toBe(true)
    expect(commandsOf(fia).clickVotes()).toBe(false) // the facilitator's clicks still select

    expect(benDo.vote(first, 1)).toBe(true)
    expect(benDo.vote(first, 1)).toBe(true)
    expect(benDo.vote(second, 1)).toBe(false)
    expect(refusals).toEqual(['vote-closed', 'vote-limit'])
    expect(benDo.vote(first, -1)).toBe(true)
    expect(benDo.vote(second, 1)).toBe(true)
    expect(cleoDo.vote(second, 1)).toBe(true)
    // Undo never takes a dot back.
    expect(ben.undo.undo()).toBe(false)

    await eventually(() => expect(fia.votes.totals.get()).toEqual({ dots: 3, voters: 2 }))
    fia.controls.closeVoting()
    await eventually(() => expect(cleo.stores.session.get().voting.open).toBe(false))
    expect(cleo.votes.ranking.get().map((entry) => [entry.note.id, entry.votes, entry.rank])).toEqual([
      [second, 2, 1],
      [first, 1, 2],
    ])
    expect(benDo.vote(first, 1)).toBe(false)
  })

  it('counts down the same timer on every client, from the server clock', async () => {
    const board = await suite.server.createBoard('Timer', 'disney')
    const fetchServerNow = async () =>
      ((await (await fetch(`${suite.server.url}/api/time`)).json()) as { now: number }).now
    const withClock = (token: string, name: string) => suite.open(board.id, token, name, { fetchServerNow })
    const fia = withClock(board.tokens.facilitator, 'Fia')
    const ben = withClock(board.tokens.participant, 'Ben')
    await Promise.all([connected(fia), connected(ben)])
    await Promise.all([fia.clock.sync(), ben.clock.sync()])
    expect(Math.abs(fia.clock.offset.get()?.offsetMs ?? Infinity)).toBeLessThan(1_000)
    expect(fia.controls.enterPhase('dreamer')).toBe(true)
    fia.controls.startTimer(60_000)
    await eventually(() => expect(ben.countdown.view.get().status).toBe('running'))
    const remaining = [fia.countdown.view.get().remainingMs, ben.countdown.view.get().remainingMs]
    expect(remaining[0]).toBeGreaterThan(590_000)
    expect(Math.abs((remaining[0] ?? 0) - (remaining[1] ?? 0))).toBeLessThan(1_500)
    fia.controls.pauseTimer()
    await eventually(() => expect(ben.countdown.view.get().status).toBe('paused'))
    expect(ben.countdown.view.get().remainingMs).toBe(fia.countdown.view.get().remainingMs)
  })

  it('publishes presence: names, colours, cursors and who edits which note', async () => {
    const board = await suite.server.createBoard('Presence')
    const aino = open(board.id, board.tokens.participant, 'Aino')
    const ben = open(board.id, board.tokens.participant, 'Ben')
    await Promise.all([connected(aino), connected(ben)])
    const note = aino.writer.createNoteAt({ x: 0, y: 0 }, '#fde68a')
    aino.presence.setEditing(note)
    aino.presence.setCursor({ x: 12, y: 34 })
    await eventually(() =>
      expect(
        ben.presence.editors
          .get()
          .get(note)
          ?.map((u) => u.name),
      ).toEqual(['Aino']),
    )
    await eventually(() => expect(ben.presence.peers.get()[0]?.cursor).toEqual({ x: 12, y: 34 }))
    aino.setIdentity({ ...aino.identity, name: 'Aino K.' })
    await eventually(() => expect(ben.presence.participants.get().map((p) => p.user.name)).toContain('Aino K.'))
    aino.presence.setEditing(null)
    await eventually(() => expect(ben.presence.editors.get().size).toBe(0))
  })

  it('stops with a clear state on 4401, 4403 and 4404 instead of reconnecting', async () => {
    const board = await suite.server.createBoard('Codes')
    const other = await suite.server.createBoard('Other')
    const forged = open(board.id, `${board.id}.participant.${'A'.repeat(32)}`, 'X')
    const wrongBoard = open(board.id, other.tokens.participant, 'Y')
    const missing = open('NoSuchBoard1', suite.server.app.tokens.sign('NoSuchBoard1', 'participant'), 'Z')
    await eventually(() =>
      expect(forged.connection.get()).toMatchObject({ kind: 'refused', code: CloseCode.Unauthorized }),
    )
    await eventually(() =>
      expect(wrongBoard.connection.get()).toMatchObject({ kind: 'refused', code: CloseCode.Forbidden }),
    )
    await eventually(() =>
      expect(missing.connection.get()).toMatchObject({ kind: 'refused', code: CloseCode.NotFound }),
    )
    expect(missing.provider.shouldConnect).toBe(false)
  })
})

describe('BoardSession across a server restart', () => {
  it('shows reconnecting, keeps edits made meanwhile, and sends them once the server is back', async () => {
    const dataDir = tempDataDir()
    let server = await startServer({}, { dataDir })
    const port = Number(new URL(server.url).port)
    const board = await server.createBoard('Restart')
    const session = new BoardSession({
      boardId: board.id,
      token: board.tokens.participant,
      syncUrl: server.syncUrl,
      identity: sessionIdentity('Aino'),
      WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket,
      maxBackoffMs: 200,
    })
    try {
      await eventually(() => expect(session.connection.get().kind).toBe('connected'))
      const before = session.writer.createNoteAt({ x: 0, y: 0 }, '#fde68a')
      await server.close()
      await eventually(() => expect(session.connection.get().kind).toBe('reconnecting'))
      const during = session.writer.createNoteAt({ x: 300, y: 0 }, '#bfdbfe')
      session.writer.editText(during, 0, 0, 'written while the server was down')
      server = await startServer({}, { dataDir, port })
      await eventually(() => expect(session.connection.get().kind).toBe('connected'), { timeoutMs: 15_000 })
      const check = connectClient(server.syncUrl, board.id, board.tokens.viewer)
      await check.synced()
      await eventually(() =>
        expect(
          listNotes(check.doc)
            .map((n) => n.id)
            .sort(),
        ).toEqual([before, during].sort()),
      )
      expect(getNote(check.doc, during)?.text).toBe('written while the server was down')
      check.destroy()
    } finally {
      session.destroy()
      await server.close()
    }
  })
})
