import { Type, type Static } from '@sinclair/typebox'
import { BOARD_ID_PATTERN } from '../ids.ts'
import { TITLE_MAX_CHARS } from '../board/schema.ts'
import { TemplateId } from './templates.ts'

export const BoardIdParams = Type.Object({
  id: Type.String({ pattern: BOARD_ID_PATTERN, maxLength: 64 }),
})
export type BoardIdParams = Static<typeof BoardIdParams>

export const CreateBoardBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: TITLE_MAX_CHARS }),
    template: Type.Optional(TemplateId),
    /** When the participant and viewer links stop working (ms since 1970); left out: never. */
    expiresAt: Type.Optional(Type.Integer({ minimum: 0, maximum: 8_640_000_000_000_000 })),
  },
  { additionalProperties: false },
)
export type CreateBoardBody = Static<typeof CreateBoardBody>

const RoleStrings = Type.Object({
  facilitator: Type.String(),
  participant: Type.String(),
  viewer: Type.String(),
})

export const BoardCreated = Type.Object({
  id: Type.String(),
  title: Type.String(),
  template: Type.String(),
  createdAt: Type.Number(),
  /** Signed board-scoped tokens, one per role. */
  tokens: RoleStrings,
  /** Full share URLs of the form PUBLIC_URL/b/:id#token=… */
  links: RoleStrings,
  /** Only when the board was created with an expiry: when the participant and viewer links stop working. */
  expiresAt: Type.Optional(Type.Number()),
})
export type BoardCreated = Static<typeof BoardCreated>

export const BoardSummary = Type.Object({
  id: Type.String(),
  title: Type.String(),
  template: Type.String(),
  createdAt: Type.Number(),
  counts: Type.Object({
    notes: Type.Integer(),
    zones: Type.Integer(),
    connections: Type.Integer(),
  }),
  /** The role of the token that asked. */
  role: Type.Union([Type.Literal('facilitator'), Type.Literal('participant'), Type.Literal('viewer')]),
})
export type BoardSummary = Static<typeof BoardSummary>

/**
 * GET /api/boards/:id/links: the share links of the caller's role and every lesser one
 * (facilitator → all three; participant → participant and viewer; viewer → viewer).
 */
export const BoardLinks = Type.Object({
  id: Type.String(),
  /** The role of the token that asked. */
  role: Type.Union([Type.Literal('facilitator'), Type.Literal('participant'), Type.Literal('viewer')]),
  links: Type.Object({
    facilitator: Type.Optional(Type.String()),
    participant: Type.Optional(Type.String()),
    viewer: Type.String(),
  }),
  /** When the participant and viewer links expire; left out when they never do. */
  expiresAt: Type.Optional(Type.Number()),
})
export type BoardLinks = Static<typeof BoardLinks>
