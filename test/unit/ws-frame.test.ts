import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { SharedMessage, wsBinaryFrame } from '../../server/sync/ws-frame.ts'

/** ws's own framing (not in its type declarations). */
const { Sender } = createRequire(import.meta.url)('ws') as {
  Sender: { frame(data: Buffer, options: Record<string, unknown>): Buffer[] }
}

/** What ws itself writes for a binary message from a server (unmasked, final). */
function wsFrame(payload: Uint8Array): Uint8Array {
  const parts = Sender.frame(Buffer.from(payload), { fin: true, mask: false, opcode: 2, readOnly: false, rsv1: false })
  return Buffer.concat(parts)
}

describe('wsBinaryFrame', () => {
  it('frames a message byte for byte as ws does, for every length encoding', () => {
    for (const length of [0, 1, 125, 126, 127, 1000, 65535, 65536, 70_000]) {
      const payload = new Uint8Array(length).map((_, i) => (i * 31) % 256)
      expect(Buffer.from(wsBinaryFrame(payload)).equals(Buffer.from(wsFrame(payload))), `length ${length}`).toBe(true)
    }
  })

  it('is built once for every connection that shares it', () => {
    const shared = new SharedMessage(new Uint8Array([0, 2, 1, 7]))
    expect(shared.frame).toBe(shared.frame)
    expect([...shared.frame]).toEqual([0x82, 4, 0, 2, 1, 7])
  })
})
