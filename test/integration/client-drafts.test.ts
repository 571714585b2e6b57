import { describe, expect, it } from 'vitest'
import { getNote, listNotes } from '@shared/board/index.ts'
import { newId } from '@shared/ids.ts'
import { eventually } from '../helpers/poll.ts'
import { useSessionServer } from '../helpers/sessions.ts'

/** The client's data layer with private drafts, against a real server. */
describe('BoardSession with private drafts against a real server', () => {
  const suite = useSessionServer()
  const { connected } = suite
  const open = (boardId: string, token: string, name: string, key = newId(24), known = false) =>
    suite.open(boardId, token, name, { drafts: { key: () => key, known: () => known } })

  it('writes new notes privately while silent; the facilitator sees only their count; the reveal shows them to all', async () => {
    const board = await suite.server.createBoard('Hiljaa')
    const facilitator = open(board.id, board.tokens.facilitator, 'Fasi')
    const aino = open(board.id, board.tokens.participant, 'Aino')
    const viewer = open(board.id, board.tokens.viewer, 'Screen')
    await Promise.all([connected(facilitator), connected(aino), connected(viewer)])
    expect(aino.draftDoc).toBeNull() // no draft until the session is silent
    facilitator.controls.setSilent(true)
    await eventually(() => expect(aino.drafting).toBe(true))
    expect(viewer.draftDoc).toBeNull()

    const id = aino.writer.createNoteAt({ x: 100, y: 100 }, '#fde68a', 'salainen idea')
    expect(aino.stores.notes.isDraft(id)).toBe(true)
    expect(aino.draftCount.get()).toBe(1)
    expect(getNote(aino.doc, id)).toBeNull()
    // "Saved" covers the draft too: saving until the draft's room confirms the note durable.
    expect(aino.saves.status.get()).toBe('saving')
    await eventually(() => expect(aino.saves.status.get()).toBe('saved'))
    await eventually(() => expect(facilitator.presence.waitingDrafts.get()).toBe(1))
    // Written through the board too: the marker reaches the facilitator, the draft note does not.
    const marker = facilitator.writer.createNoteAt({ x: 500, y: 500 }, '#fde68a', 'merkki') // the facilitator drafts too
    expect(getNote(facilitator.doc, marker)).toBeNull()
    expect(facilitator.stores.notes.get(id)).toBeUndefined()
    expect(listNotes(viewer.doc)).toEqual([])

    facilitator.controls.setSilent(false)
    for (const session of [facilitator, aino, viewer]) {
      await eventually(() =>
        expect(session.stores.notes.get(id)).toMatchObject({ text: 'salainen idea', authorId: 'id-Aino' }),
      )
      await eventually(() =>
        expect(session.stores.notes.get(marker)).toMatchObject({ text: 'merkki', authorId: 'id-Fasi' }),
      )
    }
    await eventually(() => expect(aino.draftCount.get()).toBe(0))
    expect(aino.stores.notes.isDraft(id)).toBe(false)
    expect(aino.stores.notes.size).toBe(2)
    await eventually(() => expect(facilitator.presence.waitingDrafts.get()).toBe(0))

    // After the reveal new notes go straight to the board.
    const later = aino.writer.createNoteAt({ x: 200, y: 100 }, '#fde68a', 'myöhemmin')
    expect(getNote(aino.doc, later)).not.toBeNull()
    // Editing a revealed note edits the board.
    aino.writer.editText(id, 0, 0, '!')
    await eventually(() => expect(facilitator.stores.notes.get(id)?.text).toBe('!salainen idea'))
  })

  it('opens a known draft at once and its notes reach the board when the session is no longer silent', async () => {
    const board = await suite.server.createBoard('Palaava')
    const key = newId(24)
    const facilitator = open(board.id, board.tokens.facilitator, 'Fasi')
    await connected(facilitator)
    facilitator.controls.setSilent(true)
    const first = open(board.id, board.tokens.participant, 'Aino', key)
    await eventually(() => expect(first.drafting).toBe(true))
    const id = first.writer.createNoteAt({ x: 0, y: 0 }, '#fde68a', 'jäi luonnokseen')
    const probe = open(board.id, board.tokens.participant, 'Aino', key, true)
    await eventually(() => expect(probe.stores.notes.isDraft(id)).toBe(true))
    first.destroy()
    probe.destroy()

    facilitator.controls.setSilent(false)
    await eventually(() => expect(facilitator.stores.notes.get(id)?.text).toBe('jäi luonnokseen'))
    const back = open(board.id, board.tokens.participant, 'Aino', key, true)
    await connected(back)
    expect(back.draftDoc).not.toBeNull()
    await eventually(() => expect(back.stores.notes.get(id)?.text).toBe('jäi luonnokseen'))
    expect(back.stores.notes.isDraft(id)).toBe(false)
  })
})
