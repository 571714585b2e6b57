import { Type, type Static } from '@sinclair/typebox'

/** GET /api/time: the server's clock, from which clients estimate their offset (facilitation/clock.ts). */
export const ServerTimeBody = Type.Object({
  /** The server's Date.now() when it answered. */
  now: Type.Number(),
})
export type ServerTimeBody = Static<typeof ServerTimeBody>
