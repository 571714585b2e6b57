import { Type, type Static } from '@sinclair/typebox'

/** Every error response of the HTTP API has this shape. */
export const ErrorBody = Type.Object({
  error: Type.String({ description: 'Stable machine-readable code, e.g. "bad_request".' }),
  message: Type.String({ description: 'Human-readable explanation naming the field or rule.' }),
})
export type ErrorBody = Static<typeof ErrorBody>

/** The error codes the API returns, with their HTTP status. */
export const ErrorCode = {
  BadRequest: 'bad_request',
  Unauthorized: 'unauthorized',
  /** 401: a participant or viewer link past its expiry. */
  LinkExpired: 'link_expired',
  /** 401 with AUTH=oidc: the person has to sign in (the web client sends them to /auth/login). */
  SignInRequired: 'sign_in_required',
  Forbidden: 'forbidden',
  NotFound: 'not_found',
  Conflict: 'conflict',
  PayloadTooLarge: 'payload_too_large',
  RateLimited: 'rate_limited',
  Unavailable: 'unavailable',
  Internal: 'internal',
} as const
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode]
