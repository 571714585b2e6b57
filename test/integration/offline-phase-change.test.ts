import { describe, expect, it } from 'vitest'
import { getNote, getNoteMap, readSession } from '@shared/board/index.ts'
import { newId } from '@shared/ids.ts'
import { eventually } from '../helpers/poll.ts'
import { useSessionServer } from '../helpers/sessions.ts'

/**
 * A participant's Wi-Fi drops while writing in the Dreamer phase; they come back after the
 * facilitator has moved on to the Realist. The server judges their re-sent work note by note:
 * what the new phase allows stays, and a new note of their own that it refuses goes back to
 * them, into their private draft, marked, instead of vanishing.
 */
describe('offline work across a phase change', () => {
  const suite = useSessionServer()
  const { connected } = suite
  // Aino's device: its draft key exists once a draft was opened (as device/draft-keys.ts keeps it).
  const key = newId(24)
  let keyMade = false
  const drafts = {
    key: () => ((keyMade = true), key),
    known: () => keyMade,
  }
  const open = (boardId: string, token: string, name: string) => suite.open(boardId, token, name, { drafts })

  it('keeps the valid edits of the batch and returns a refused new note to its writer, marked', async () => {
    const board = await suite.server.createBoard('Disney', 'disney')
    const facilitator = suite.open(board.id, board.tokens.facilitator, 'Fasi')
    const aino = open(board.id, board.tokens.participant, 'Aino')
    await Promise.all([connected(facilitator), connected(aino)])
    expect(facilitator.controls.enterPhase('dreamer')).toBe(true)
    await eventually(() => expect(readSession(aino.doc).phase).toBe('dreamer'))
    const before = aino.writer.createNoteAt({ x: 250, y: 500 }, '#fde68a', 'online dream')
    await eventually(() => expect(facilitator.stores.notes.get(before)?.text).toBe('online dream'))

    // Cut off: the work below stays on Aino's device until the connection is back.
    aino.provider.disconnect()
    await eventually(() => expect(aino.connection.get().kind).not.toBe('connected'))
    const dream = aino.writer.createNoteAt({ x: 250, y: 700 }, '#fde68a', 'offline dream')
    const free = aino.writer.createNoteAt({ x: 2500, y: 2500 }, '#bfdbfe', 'outside every zone')
    aino.writer.moveNotes(new Map([[before, { x: 2700, y: 2500 }]]))

    expect(facilitator.controls.enterPhase('realist')).toBe(true)
    aino.provider.connect()
    await connected(aino)

    // The valid edits of the batch stay: the note on free canvas arrives for everyone.
    await eventually(() => expect(facilitator.stores.notes.get(free)?.text).toBe('outside every zone'))
    // The refused ones do not: the move out of the closed Dreamer zone is undone ...
    await eventually(() => expect(aino.stores.notes.get(before)?.x).toBe(170))
    expect(facilitator.stores.notes.get(before)?.x).toBe(170)
    // ... and the new note in the Dreamer zone goes back to Aino, into her private draft.
    await eventually(() => expect(aino.stores.notes.isDraft(dream)).toBe(true))
    expect(aino.stores.notes.get(dream)).toMatchObject({ text: 'offline dream', heldBack: 'phase-moved-on' })
    expect(getNote(aino.doc, dream)).toBeNull()
    expect(facilitator.stores.notes.get(dream)).toBeUndefined()
    // Stored on the server in the draft, so it survives a reload of the page.
    await eventually(() => expect(aino.saves.status.get()).toBe('saved'))
    const again = open(board.id, board.tokens.participant, 'Aino')
    await connected(again)
    await eventually(() => expect(again.stores.notes.get(dream)?.heldBack).toBe('phase-moved-on'))

    // Moved out of the closed zone, it reaches the board like any new note (without the mark).
    aino.writer.moveNotes(new Map([[dream, { x: 700, y: 500 }]]))
    await eventually(() => expect(facilitator.stores.notes.get(dream)?.text).toBe('offline dream'))
    expect(getNoteMap(facilitator.doc, dream)?.has('heldBack')).toBe(false)
    await eventually(() => expect(aino.stores.notes.isDraft(dream)).toBe(false))
  })
})
