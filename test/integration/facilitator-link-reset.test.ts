import { describe, expect, it } from 'vitest'
import type { RotatedLinks } from '@shared/api/lifecycle.ts'
import { newId } from '@shared/ids.ts'
import { CloseCode } from '@shared/protocol.ts'
import type { ConnectionState } from '../../client/src/board/data/connection.ts'
import type { BoardSession } from '../../client/src/board/data/board-session.ts'
import { eventually } from '../helpers/poll.ts'
import { useSessionServer } from '../helpers/sessions.ts'

/**
 * A facilitator resets the links with their own: the client's data layer (BoardSession, the
 * web app's, without React) against a real server. Their open board takes the new token and
 * stays open — its connections, the private draft's too, come back with it and nothing typed
 * meanwhile is lost — while everyone holding an old link, a co-facilitator too, is closed
 * with 4401.
 */
describe('resetting the facilitator link from an open board', () => {
  const suite = useSessionServer()
  const { connected } = suite

  /** Every connection state a session goes through from now on. */
  const statesOf = (session: BoardSession): ConnectionState[] => {
    const seen: ConnectionState[] = []
    session.connection.subscribe(() => seen.push(session.connection.get()))
    return seen
  }

  it('the facilitator’s own board reconnects with the new token; old facilitator and participant links get 4401', async () => {
    const board = await suite.server.createBoard('Uusi fasilitaattorin linkki')
    const draftKey = newId(24)
    const drafts = { key: () => draftKey, known: () => false }
    const fia = suite.open(board.id, board.tokens.facilitator, 'Fia', { drafts })
    const coFacilitator = suite.open(board.id, board.tokens.facilitator, 'Kalle')
    const ben = suite.open(board.id, board.tokens.participant, 'Ben')
    await Promise.all([connected(fia), connected(coFacilitator), connected(ben)])
    // Silent: Fia's new notes go to her private draft, a second connection under the same token.
    fia.controls.setSilent(true)
    await eventually(() => expect(fia.drafting).toBe(true))
    const fiaStates = statesOf(fia)

    const oldToken = fia.token
    let noteWhileSwitching = ''
    const rotated = await fia.replaceToken(async (token) => {
      const response = await fetch(`${suite.server.url}/api/boards/${board.id}/links/rotate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ facilitator: true }),
      })
      const body = (await response.json()) as RotatedLinks
      // Typed while the server closes the old token's connections: kept, and saved afterwards.
      noteWhileSwitching = fia.writer.createNoteAt({ x: 300, y: 300 }, '#fde68a', 'kesken vaihdon')
      return { token: body.tokens.facilitator ?? null, result: body }
    })
    expect(rotated.tokens.facilitator).toBeDefined()
    expect(fia.token).toBe(rotated.tokens.facilitator)
    expect(fia.token).not.toBe(oldToken)

    // Everyone else with an old link is refused for good.
    await eventually(() =>
      expect(coFacilitator.connection.get()).toMatchObject({ kind: 'refused', code: CloseCode.Unauthorized }),
    )
    await eventually(() =>
      expect(ben.connection.get()).toMatchObject({ kind: 'refused', code: CloseCode.Unauthorized }),
    )
    // Fia's board is back, with the new token, and was never refused.
    await connected(fia)
    expect(fiaStates.some((state) => state.kind === 'refused')).toBe(false)
    await eventually(() => expect(fia.saves.status.get()).toBe('saved'))
    expect(fia.stores.notes.isDraft(noteWhileSwitching)).toBe(true)

    // The reveal brings the draft note to a participant who joined with the new link: it reached the server.
    const cleo = suite.open(board.id, rotated.tokens.participant, 'Cleo')
    await connected(cleo)
    const later = fia.writer.createNoteAt({ x: 500, y: 300 }, '#bfdbfe', 'uudella linkillä')
    fia.controls.setSilent(false)
    await eventually(() => expect(cleo.stores.notes.get(noteWhileSwitching)?.text).toBe('kesken vaihdon'))
    await eventually(() => expect(cleo.stores.notes.get(later)?.text).toBe('uudella linkillä'))
    // A participant-only reset later leaves Fia's token alone.
    const second = await fia.replaceToken(async (token) => {
      const response = await fetch(`${suite.server.url}/api/boards/${board.id}/links/rotate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: '{}',
      })
      return { token: null, result: (await response.json()) as RotatedLinks }
    })
    expect(second.tokens.facilitator).toBeUndefined()
    expect(fia.token).toBe(rotated.tokens.facilitator)
    await eventually(() =>
      expect(cleo.connection.get()).toMatchObject({ kind: 'refused', code: CloseCode.Unauthorized }),
    )
    expect(fia.connection.get().kind).toBe('connected')
  })
})
