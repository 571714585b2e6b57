import { describe, expect, it } from 'vitest'
import { TokenService, secretEquals } from '../../server/auth/tokens.ts'

describe('share tokens', () => {
  const tokens = new TokenService('s'.repeat(40))

  it('round-trips board and role', () => {
    for (const role of ['facilitator', 'participant', 'viewer'] as const) {
      expect(tokens.verify(tokens.sign('Board123456', role))).toEqual({ boardId: 'Board123456', role, generation: 0 })
    }
  })

  it('keeps the token of generation 0 as before links could be reset, and signs the generation after', () => {
    const first = tokens.sign('Board123456', 'participant')
    expect(first.split('.')).toHaveLength(3)
    const third = tokens.sign('Board123456', 'participant', 3)
    expect(third.split('.')).toHaveLength(4)
    expect(tokens.verify(third)).toEqual({ boardId: 'Board123456', role: 'participant', generation: 3 })
    const [board, role, , signature] = third.split('.')
    // The generation is signed: another number with the same signature is a forgery.
    expect(tokens.verify(`${board}.${role}.4.${signature}`)).toBeNull()
    expect(tokens.verify(`${board}.${role}.0.${signature}`)).toBeNull()
    expect(tokens.verify(`${board}.${role}.03.${signature}`)).toBeNull()
  })

  it('rejects tampering: another role, another board, another secret, truncation', () => {
    const token = tokens.sign('Board123456', 'viewer')
    const [board, , signature] = token.split('.')
    expect(tokens.verify(`${board}.facilitator.${signature}`)).toBeNull()
    expect(tokens.verify(`OtherBoard12.viewer.${signature}`)).toBeNull()
    expect(new TokenService('t'.repeat(40)).verify(token)).toBeNull()
    expect(tokens.verify(token.slice(0, -1))).toBeNull()
    for (const junk of [undefined, null, '', 'a.b', 'a.b.c.d', 'x'.repeat(500)]) expect(tokens.verify(junk)).toBeNull()
  })

  it('tells a token for another board from a forged one', () => {
    const token = tokens.sign('Board123456', 'participant')
    expect(tokens.check(token, 'Board123456')).toEqual({
      ok: true,
      grant: { boardId: 'Board123456', role: 'participant', generation: 0 },
    })
    expect(tokens.check(token, 'OtherBoard12')).toEqual({ ok: false, reason: 'other-board' })
    expect(tokens.check(`${token}x`, 'Board123456')).toEqual({ ok: false, reason: 'invalid' })
  })

  it('compares secrets exactly', () => {
    expect(secretEquals('abc', 'abc')).toBe(true)
    expect(secretEquals('abd', 'abc')).toBe(false)
    expect(secretEquals('abcd', 'abc')).toBe(false)
    expect(secretEquals(undefined, 'abc')).toBe(false)
  })
})
