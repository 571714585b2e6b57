import type { FastifyError, FastifyInstance } from 'fastify'
import { ErrorCode } from '@shared/api/errors.ts'
import { isStorageUnavailable } from './storage/errors.ts'

/** An error with its HTTP status and API code; the message is shown to the client. */
export class HttpError extends Error {
  override name = 'HttpError'

  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message)
  }
}

/** The catalogue: every error the API answers with is made here. */
export const httpErrors = {
  badRequest: (message: string) => new HttpError(400, ErrorCode.BadRequest, message),
  unauthorized: (message = 'A valid token is required (Authorization: Bearer …).') =>
    new HttpError(401, ErrorCode.Unauthorized, message),
  linkExpired: () =>
    new HttpError(401, ErrorCode.LinkExpired, 'This link has expired; ask the facilitator for a new one.'),
  signInRequired: (message = 'Sign in first: this needs an account (GET /auth/login).') =>
    new HttpError(401, ErrorCode.SignInRequired, message),
  forbidden: (message: string) => new HttpError(403, ErrorCode.Forbidden, message),
  notFound: (message: string) => new HttpError(404, ErrorCode.NotFound, message),
  conflict: (message: string) => new HttpError(409, ErrorCode.Conflict, message),
  rateLimited: (message: string) => new HttpError(429, ErrorCode.RateLimited, message),
  unavailable: (message: string) => new HttpError(503, ErrorCode.Unavailable, message),
}

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: ErrorCode.BadRequest,
  401: ErrorCode.Unauthorized,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  409: ErrorCode.Conflict,
  413: ErrorCode.PayloadTooLarge,
  429: ErrorCode.RateLimited,
  503: ErrorCode.Unavailable,
}

/**
 * Every error becomes `{error, message}` with a fitting status. Client errors explain
 * themselves (validation names the field); server errors stay in the log.
 */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    if (error instanceof HttpError) {
      return reply.status(error.statusCode).send({ error: error.code, message: error.message })
    }
    if (error.validation) {
      return reply.status(400).send({ error: ErrorCode.BadRequest, message: error.message })
    }
    const status = error.statusCode ?? 500
    if (status >= 400 && status < 500) {
      return reply
        .status(status)
        .send({ error: CODE_BY_STATUS[status] ?? ErrorCode.BadRequest, message: error.message })
    }
    if (isStorageUnavailable(error)) {
      // A full disk, a damaged or unreachable database: a condition of the server, not of the
      // request; clients and load balancers may try again later.
      request.log.error({ err: error }, 'request failed: storage unavailable')
      return reply.status(503).send({
        error: ErrorCode.Unavailable,
        message: 'The server cannot use its storage right now; try again in a moment.',
      })
    }
    request.log.error({ err: error }, 'request failed')
    return reply
      .status(500)
      .send({ error: ErrorCode.Internal, message: 'Internal server error; the details are in the server log.' })
  })
}
