import { Type, type Static } from '@sinclair/typebox'
import { TITLE_MAX_CHARS } from '../board/schema.ts'

/**
 * Who is asking: sign-in (AUTH=oidc) and the answers about the signed-in person. In the default
 * mode (AUTH=links) nobody signs in and `user` is always null.
 */

/** What a signed-in person may do besides what their share links grant. */
export const USER_ROLES = ['hub', 'admin'] as const
export type UserRole = (typeof USER_ROLES)[number]

export const AuthMode = Type.Union([Type.Literal('links'), Type.Literal('oidc')])
export type AuthMode = Static<typeof AuthMode>

export const SignedInUser = Type.Object({
  /**
   * Stable across devices and sign-ins, derived from the provider's subject; also this
   * person's participant id on every board (one vote budget, one name).
   */
  id: Type.String(),
  name: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  roles: Type.Array(Type.Union(USER_ROLES.map((role) => Type.Literal(role)))),
})
export type SignedInUser = Static<typeof SignedInUser>

/** GET /api/me */
export const MeResponse = Type.Object({
  auth: AuthMode,
  user: Type.Union([SignedInUser, Type.Null()]),
  /** With AUTH=oidc: whether participant and viewer links admit people who have not signed in. */
  guestLinks: Type.Boolean(),
})
export type MeResponse = Static<typeof MeResponse>

/** GET /auth/login?returnTo=… */
export const LoginQuery = Type.Object({
  returnTo: Type.Optional(Type.String({ maxLength: 2000 })),
})

/** GET /auth/callback: the provider's answer (its own parameters are passed on as they are). */
export const CallbackQuery = Type.Object(
  {
    code: Type.Optional(Type.String({ maxLength: 4000 })),
    state: Type.Optional(Type.String({ maxLength: 500 })),
    error: Type.Optional(Type.String({ maxLength: 500 })),
    error_description: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: true },
)

const RoleLiteral = Type.Union([Type.Literal('facilitator'), Type.Literal('participant'), Type.Literal('viewer')])

/** One board a signed-in person created or joined, on any device. */
export const MyBoard = Type.Object({
  id: Type.String(),
  title: Type.String({ maxLength: TITLE_MAX_CHARS }),
  template: Type.String(),
  createdAt: Type.Number(),
  /** The highest role the person has had on the board. */
  role: RoleLiteral,
  /** When the person last created, opened or joined it (ms). */
  lastSeenAt: Type.Number(),
  /** The share link of that role, so the board opens from any device. */
  link: Type.String(),
  /** I created the board: I may delete it (DELETE /api/boards/:id) without its facilitator link. */
  owner: Type.Boolean(),
})
export type MyBoard = Static<typeof MyBoard>

/** GET /api/boards */
export const MyBoards = Type.Object({
  auth: AuthMode,
  /** Most recently seen first; always empty with AUTH=links (boards are remembered per device). */
  items: Type.Array(MyBoard),
})
export type MyBoards = Static<typeof MyBoards>
