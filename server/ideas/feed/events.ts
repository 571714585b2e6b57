import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { IDEA_EVENT, RESYNC_EVENT, type IdeaChangeEvent } from '@shared/api/idea-events.ts'
import { ErrorBody } from '@shared/api/errors.ts'
import type { ServerResponse } from 'node:http'
import { httpErrors } from '../../errors.ts'
import type { StoredIdea } from '../../storage/types.ts'

/** A comment line this often keeps proxies from closing a quiet stream. */
const HEARTBEAT_MS = 25_000
/** Open streams one process serves; more are refused with 503 (the page then polls by reloading). */
const MAX_STREAMS = 2000
/** How soon a browser reconnects after the stream drops (EventSource's `retry`). */
const RETRY_MS = 2000

export function ideaChange(idea: StoredIdea, kind: IdeaChangeEvent['kind']): IdeaChangeEvent {
  return { id: idea.id, ref: idea.ref, status: idea.status, kind, updatedAt: idea.updatedAt }
}

/**
 * GET /api/ideas/events: the registry's changes as Server-Sent Events. Open to anyone, as the
 * registry is; an event carries no more than GET /api/ideas shows. SSE rather than a
 * WebSocket: one direction, plain HTTP through every proxy, and EventSource reconnects by
 * itself (the page reads the board again on every (re)connection, so nothing is missed).
 */
export const ideaEventRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const streams = new Set<ServerResponse>()
  // Open streams would keep the server from closing: they end first.
  app.addHook('preClose', async () => {
    for (const stream of streams) stream.end()
    streams.clear()
  })

  app.get(
    '/api/ideas/events',
    {
      schema: {
        tags: ['ideas'],
        summary: 'Registry changes as they happen (Server-Sent Events: idea, resync)',
        produces: ['text/event-stream'],
        response: {
          200: Type.String({ description: 'event: idea / data: {id, ref, status, kind, updatedAt}; event: resync' }),
          503: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      if (streams.size >= MAX_STREAMS) throw httpErrors.unavailable('Too many live pages; try again shortly.')
      reply.hijack()
      const stream = reply.raw
      stream.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        // nginx would otherwise buffer the stream.
        'x-accel-buffering': 'no',
      })
      stream.write(`retry: ${RETRY_MS}\n\n`)
      streams.add(stream)
      const unsubscribe = app.ideaFeed.subscribe((message) => {
        if (message.type === 'resync') stream.write(`event: ${RESYNC_EVENT}\ndata: {}\n\n`)
        else stream.write(`event: ${IDEA_EVENT}\ndata: ${JSON.stringify(message.change)}\n\n`)
      })
      const heartbeat = setInterval(() => stream.write(': ping\n\n'), HEARTBEAT_MS)
      const end = () => {
        clearInterval(heartbeat)
        unsubscribe()
        streams.delete(stream)
      }
      request.raw.on('close', end)
      stream.on('close', end)
    },
  )
}
