import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { AdminBoardList, AuditList, AuditQuery, ErasureBody, ErasureResult } from '@shared/api/admin.ts'
import { ErrorBody } from '@shared/api/errors.ts'
import { countNotes } from '@shared/board/index.ts'
import { readBoardDoc } from '../boards/board-doc.ts'
import { erasePerson, nameErasers } from './erasure.ts'
import { requireAdmin } from './require-admin.ts'

/** The administrator's routes: every board, the audit log, erasure. Each starts with requireAdmin. */
export const adminRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const security = [{ hubToken: [] }]

  app.get(
    '/api/admin/boards',
    {
      schema: {
        tags: ['admin'],
        summary: 'Every board with its title, owner, size, notes and last activity',
        description: 'The administrator only (in links mode: whoever holds HUB_TOKEN). Most recently used first.',
        security,
        response: { 200: AdminBoardList, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request, reply) => {
      requireAdmin(app, request)
      void reply.header('cache-control', 'no-store')
      const boards = await app.storage.lifecycle.listBoards()
      const items = []
      for (const board of boards) {
        const notes = await readBoardDoc(app.storage.boards, app.sync.rooms, board.id, (doc) => countNotes(doc))
        if (notes === null) continue // deleted meanwhile
        items.push({ ...board, owner: null, notes })
      }
      return { items }
    },
  )

  app.get(
    '/api/admin/audit',
    {
      schema: {
        tags: ['admin'],
        summary: 'The audit log: deletions, link resets and erasures, newest first',
        security,
        querystring: AuditQuery,
        response: { 200: AuditList, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request, reply) => {
      requireAdmin(app, request)
      void reply.header('cache-control', 'no-store')
      return { items: await app.storage.lifecycle.listAudit(request.query.limit ?? 200) }
    },
  )

  app.post(
    '/api/admin/erasure',
    {
      schema: {
        tags: ['admin'],
        summary: "Erase a person's name from every note, draft, idea, history entry and comment",
        description:
          '{"name": …} erases that display name; {"userId": …} the notes of that author id and the names they ' +
          "wrote under. Live boards and drafts change at once; ideas' search entries are rewritten. Answers with " +
          'what was changed, by kind.',
        security,
        body: ErasureBody,
        response: { 200: ErasureResult, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => {
      requireAdmin(app, request)
      const body = request.body
      const counts = await erasePerson(
        nameErasers({ boards: app.storage.boards, lifecycle: app.storage.lifecycle, rooms: app.sync.rooms }),
        'name' in body ? { name: body.name } : { userId: body.userId },
      )
      // The audit entry says what kind of request and how much changed, never the name itself.
      await app.lifecycle.audit('admin', 'erasure', null, { by: 'name' in body ? 'name' : 'userId', counts })
      request.log.info({ counts }, 'erasure done')
      return { counts }
    },
  )
}
