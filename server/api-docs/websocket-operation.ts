import { BOARD_ID_PATTERN, DRAFT_KEY_PATTERN, PARTICIPANT_ID_PATTERN } from '@shared/ids.ts'
import type { Json } from './openapi.ts'

/**
 * Routes the API description cannot derive from a schema, described here. The sync route has
 * no schema on purpose: a refused connection is upgraded and closed with a code a browser can
 * read, which a validation error (an HTTP 400) would prevent.
 */
export const UNSCHEMATISED_OPERATIONS: Record<string, Json> = {
  'GET /sync/:boardId': {
    tags: ['sync'],
    summary: 'Sync a board over WebSocket (the standard y-websocket protocol)',
    description:
      'Upgrade to WebSocket. Any unmodified y-websocket client works: sync step 1 and 2, updates, awareness. ' +
      'A refused connection is accepted and closed at once with a code: 4401 bad token, 4403 token of another ' +
      'board or a browser Origin not allowed, 4404 no such board, 4429 board full, 1009 message too big, ' +
      '1003 undecodable message, 1013 the client stopped reading. Close codes, limits and the board ' +
      "document's schema: docs/protocol.md.",
    parameters: [
      {
        name: 'boardId',
        in: 'path',
        required: true,
        schema: { type: 'string', pattern: BOARD_ID_PATTERN },
      },
      {
        name: 'token',
        in: 'query',
        required: true,
        description: 'A share token of the board; its role decides what the connection may write.',
        schema: { type: 'string' },
      },
      {
        name: 'participant',
        in: 'query',
        required: false,
        description: 'Whose votes and silent notes this connection speaks for (the id the browser keeps).',
        schema: { type: 'string', pattern: PARTICIPANT_ID_PATTERN },
      },
      {
        name: 'draft',
        in: 'query',
        required: false,
        description: "Sync the writer's private draft in silent mode instead of the board.",
        schema: { type: 'string', pattern: DRAFT_KEY_PATTERN },
      },
    ],
    responses: {
      '101': { description: 'Switching Protocols: the y-websocket protocol follows (binary messages).' },
    },
  },
}
