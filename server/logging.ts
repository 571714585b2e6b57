import type { FastifyServerOptions } from 'fastify'
import type { EnvConfig } from './config.ts'

/**
 * Replaces secrets in a URL's query so that they never reach a log: share tokens, and the
 * draft key that alone guards a participant's private draft (silent mode).
 */
export function redactUrl(url: string): string {
  return url.replace(/([?&](?:token|access_token|draft)=)[^&#]*/gi, '$1[redacted]')
}

/**
 * Structured pino logs; request URLs are redacted and authorization headers never logged.
 * To stdout, or to `stream` (tests that read the log).
 */
export function loggerOptions(
  config: Pick<EnvConfig, 'LOG_LEVEL'>,
  stream?: { write(line: string): void },
): FastifyServerOptions['logger'] {
  return {
    level: config.LOG_LEVEL,
    ...(stream ? { stream } : {}),
    redact: ['req.headers.authorization', 'headers.authorization'],
    serializers: {
      req(request: { method: string; url: string; ip?: string }) {
        return { method: request.method, url: redactUrl(request.url), remoteAddress: request.ip }
      },
    },
  }
}
