import { LogController, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify'
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

/** Load balancers, orchestrators and container health checks call these every few seconds. */
const PROBE_PATHS = new Set(['/healthz', '/readyz'])

function isProbe(request: FastifyRequest): boolean {
  return PROBE_PATHS.has(request.url.split('?')[0] ?? '')
}

/**
 * Fastify's request log lines, except that a probe's go to debug: at info, a health check every
 * few seconds would bury the log. A probe that fails with an error is still logged as one.
 */
export class ProbeQuietLogController extends LogController {
  override incomingRequest(request: FastifyRequest, reply: FastifyReply): void {
    if (!isProbe(request)) return super.incomingRequest(request, reply)
    if (!this.isLogDisabled(request)) request.log.debug({ req: request }, 'incoming request')
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (error || !isProbe(request)) return super.requestCompleted(error, request, reply)
    if (!this.isLogDisabled(request))
      reply.log.debug({ res: reply, responseTime: reply.elapsedTime }, 'request completed')
  }
}
