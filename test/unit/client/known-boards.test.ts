import { afterEach, describe, expect, it } from 'vitest'
import {
  addressBarToken,
  findKnownBoard,
  forgetBoard,
  rememberBoard,
  rememberParticipantToken,
  tokenInForce,
} from '../../../client/src/device/known-boards.ts'
import { addressWithToken } from '../../../client/src/board/share-address.ts'

const BOARD = 'Board0000001'
const token = (role: string, boardId = BOARD) => `${boardId}.${role}.signature${role}`

describe('the tokens a device keeps per board, and what its address bar shows', () => {
  afterEach(() => forgetBoard(BOARD))

  it('keeps a facilitator facilitator when the participant link is opened again, and keeps that link for the address bar', () => {
    rememberBoard(BOARD, token('facilitator'), 'Workshop', 1)
    const entry = rememberBoard(BOARD, token('participant'), undefined, 2)
    expect(entry).toMatchObject({
      token: token('facilitator'),
      role: 'facilitator',
      participantToken: token('participant'),
      title: 'Workshop',
      lastOpened: 2,
    })
    expect(findKnownBoard(BOARD)).toEqual(entry)
    expect(addressBarToken(entry!)).toBe(token('participant'))
    // A viewer link does not demote either.
    expect(rememberBoard(BOARD, token('viewer'))).toMatchObject({ role: 'facilitator' })
  })

  it('names the token a link opens the board with, without remembering it (the early connection asks with it)', () => {
    expect(tokenInForce(BOARD, token('participant'))).toEqual({ token: token('participant'), role: 'participant' })
    expect(tokenInForce(BOARD, token('participant', 'Board0000002'))).toBeNull()
    rememberBoard(BOARD, token('facilitator'))
    expect(tokenInForce(BOARD, token('participant'))).toEqual({ token: token('facilitator'), role: 'facilitator' })
    expect(tokenInForce(BOARD, token('viewer'))).toMatchObject({ role: 'facilitator' })
    expect(findKnownBoard(BOARD)?.participantToken).toBeUndefined()
  })

  it('lets a link of an equal or greater role replace the token, as the user chose it', () => {
    rememberBoard(BOARD, token('viewer'))
    expect(rememberBoard(BOARD, token('participant'))).toMatchObject({ role: 'participant' })
    expect(rememberBoard(BOARD, token('facilitator'))).toMatchObject({
      role: 'facilitator',
      participantToken: token('participant'),
    })
    const renewed = `${BOARD}.facilitator.renewed`
    expect(rememberBoard(BOARD, renewed)).toMatchObject({ token: renewed, role: 'facilitator' })
  })

  it('shows participants and viewers their own link, and a facilitator none until the participant link is known', () => {
    expect(addressBarToken(rememberBoard(BOARD, token('viewer'))!)).toBe(token('viewer'))
    forgetBoard(BOARD)
    expect(addressBarToken(rememberBoard(BOARD, token('participant'))!)).toBe(token('participant'))
    forgetBoard(BOARD)
    const facilitator = rememberBoard(BOARD, token('facilitator'))!
    expect(facilitator.participantToken).toBeUndefined()
    expect(addressBarToken(facilitator)).toBeNull()
    rememberParticipantToken(BOARD, token('viewer'))
    rememberParticipantToken(BOARD, token('participant', 'OtherBoard01'))
    expect(findKnownBoard(BOARD)?.participantToken).toBeUndefined()
    rememberParticipantToken(BOARD, token('participant'))
    expect(addressBarToken(findKnownBoard(BOARD)!)).toBe(token('participant'))
  })

  it('reads the tokens of a board whose links were reset (with a generation), and keeps the new ones', () => {
    const reset = (role: string, generation: number) => `${BOARD}.${role}.${generation}.signature${role}`
    rememberBoard(BOARD, token('facilitator'), 'Workshop', 1)
    rememberParticipantToken(BOARD, reset('participant', 1))
    expect(findKnownBoard(BOARD)).toMatchObject({ role: 'facilitator', participantToken: reset('participant', 1) })
    expect(rememberBoard(BOARD, reset('facilitator', 1), undefined, 2)).toMatchObject({
      token: reset('facilitator', 1),
      role: 'facilitator',
      participantToken: reset('participant', 1),
    })
    expect(rememberBoard(BOARD, `${BOARD}.participant.0.signature`)).toBeNull()
    expect(rememberBoard(BOARD, `${BOARD}.participant.x1.signature`)).toBeNull()
  })

  it('refuses a token of another board', () => {
    expect(rememberBoard(BOARD, token('participant', 'OtherBoard01'))).toBeNull()
    expect(findKnownBoard(BOARD)).toBeUndefined()
  })

  it('writes the token into the fragment and keeps the query', () => {
    expect(addressWithToken({ pathname: `/b/${BOARD}`, search: '?focus=a,b' }, token('participant'))).toBe(
      `/b/${BOARD}?focus=a,b#token=${token('participant')}`,
    )
    expect(addressWithToken({ pathname: `/b/${BOARD}`, search: '' }, null)).toBe(`/b/${BOARD}`)
  })
})
