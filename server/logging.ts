import type { FastifyServerOptions } from 'fastify'
import type { EnvConfig } from './config.ts'

/** Replaces token values in a URL's query so that share tokens never reach a log. */
export function redactUrl(url: string): string {
  return url.replace(/([?&](?:token|access_token)=)[^&#]*/gi, '$1[redacted]')
}

/** Structured pino logs; request URLs are redacted and authorization headers never logged. */
export function loggerOptions(config: Pick<EnvConfig, 'LOG_LEVEL'>): FastifyServerOptions['logger'] {
  return {
    level: config.LOG_LEVEL,
    redact: ['req.headers.authorization', 'headers.authorization'],
    serializers: {
      req(request: { method: string; url: string; ip?: string }) {
        return { method: request.method, url: redactUrl(request.url), remoteAddress: request.ip }
      },
    },
  }
}
