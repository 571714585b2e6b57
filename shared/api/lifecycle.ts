import { Type, type Static } from '@sinclair/typebox'

/** A moment as milliseconds since 1970 (as createdAt everywhere in the API). */
const Moment = Type.Integer({ minimum: 0, maximum: 8_640_000_000_000_000 })

/** POST /api/boards/:id/links/rotate */
export const RotateLinksBody = Type.Object(
  {
    /** Also replace the facilitator's token (the caller must then use the new one). */
    facilitator: Type.Optional(Type.Boolean()),
    /** When the new participant and viewer links stop working; null or left out: never. */
    expiresAt: Type.Optional(Type.Union([Moment, Type.Null()])),
  },
  { additionalProperties: false },
)
export type RotateLinksBody = Static<typeof RotateLinksBody>

export const RotatedLinks = Type.Object({
  id: Type.String(),
  /** The new tokens: participant and viewer, and facilitator when it was rotated too. */
  tokens: Type.Object({
    facilitator: Type.Optional(Type.String()),
    participant: Type.String(),
    viewer: Type.String(),
  }),
  links: Type.Object({
    facilitator: Type.Optional(Type.String()),
    participant: Type.String(),
    viewer: Type.String(),
  }),
  /** When the participant and viewer links expire, or null. */
  expiresAt: Type.Union([Type.Number(), Type.Null()]),
})
export type RotatedLinks = Static<typeof RotatedLinks>

/** POST /api/boards/:id/ticket: a single-use ticket for `/sync/:id?ticket=…`. */
export const SyncTicket = Type.Object({
  ticket: Type.String(),
  /** The ticket is refused after this moment (ms). */
  expiresAt: Type.Number(),
})
export type SyncTicket = Static<typeof SyncTicket>

export { Moment }
