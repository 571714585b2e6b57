import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { BoardIdParams } from '@shared/api/boards.ts'
import { ErrorBody } from '@shared/api/errors.ts'
import { IMPORT_MAX_BYTES, IMPORT_MEDIA_TYPES, ImportQuery, ImportResult } from '@shared/api/import.ts'
import { countNotes, createNote } from '@shared/board/notes.ts'
import { newId } from '@shared/ids.ts'
import { requireBoardGrant } from '../../auth/bearer.ts'
import { httpErrors } from '../../errors.ts'
import { decodeUtf8, parseCsv, parsePlain } from './parse.ts'
import { IMPORT_AUTHOR_ID, planImport } from './plan.ts'

/** About what a note's fields other than its text take in the board's encoding, in bytes. */
const NOTE_FIELDS_BYTES = 200

/**
 * `POST /api/boards/:id/notes/import`: a facilitator's file of notes onto the board. The notes
 * are written into the board's live document in one server transaction (so every connected
 * client sees them at once, and the group commit stores them together), and the answer comes
 * when they are durable. Any bad row refuses the whole file. `?dryRun=1` answers the same
 * plan and writes nothing: the import dialog's preview.
 */
export const noteImportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // This plugin's own body parsers: the file's raw bytes, checked for UTF-8 by the route.
  app.removeContentTypeParser('text/plain')
  app.addContentTypeParser(
    [...IMPORT_MEDIA_TYPES],
    { parseAs: 'buffer', bodyLimit: IMPORT_MAX_BYTES },
    (_request, body, done) => done(null, body),
  )
  const { BOARD_MAX_NOTES: maxNotes, BOARD_MAX_BYTES: maxBytes } = app.config
  const rooms = app.sync.rooms

  app.post(
    '/api/boards/:id/notes/import',
    {
      bodyLimit: IMPORT_MAX_BYTES,
      schema: {
        tags: ['boards'],
        summary: 'Import notes from a text or CSV file (or preview it with dryRun=1)',
        description:
          `Facilitator only. text/plain: one note per non-empty line. text/csv: a header with a text column and ` +
          `optional zone, color, author. UTF-8, at most ${IMPORT_MAX_BYTES} bytes and 500 notes; any bad row refuses ` +
          'the whole file (400); a board that cannot take them all is 409.',
        security: [{ boardToken: [] }],
        params: BoardIdParams,
        querystring: ImportQuery,
        consumes: [...IMPORT_MEDIA_TYPES],
        body: Type.Unknown({ description: 'The file: text/plain or text/csv, UTF-8' }),
        response: {
          200: ImportResult,
          201: ImportResult,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
          413: ErrorBody,
          415: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const boardId = request.params.id
      const grant = await requireBoardGrant(app.access, request, boardId)
      if (grant.role !== 'facilitator') throw httpErrors.forbidden('Only the facilitator may import notes.')
      const body = request.body
      if (!(body instanceof Buffer)) throw httpErrors.badRequest('Send the file as text/plain or text/csv.')
      const text = decodeUtf8(body)
      const csv = (request.headers['content-type'] ?? '').toLowerCase().startsWith('text/csv')
      const rows = csv ? parseCsv(text) : parsePlain(text)
      const dryRun = request.query.dryRun === '1' || request.query.dryRun === 'true'

      return rooms.serverWrite(boardId, async () => {
        // Leased: the board cannot unload between reading its layout and writing the notes.
        const lease = await rooms.lease(boardId)
        if (!lease) throw httpErrors.notFound(`No board ${boardId}.`)
        try {
          const { room } = lease
          const notes = planImport(room.doc, rows, request.query.zone)
          const boardNotes = countNotes(room.doc) + notes.length
          if (boardNotes > maxNotes)
            throw httpErrors.conflict(
              `The board has room for ${Math.max(0, maxNotes - countNotes(room.doc))} more notes (at most ${maxNotes}); the file has ${notes.length}.`,
            )
          const bytes = notes.reduce((sum, note) => sum + Buffer.byteLength(note.text) + NOTE_FIELDS_BYTES, 0)
          if (room.measureBytes() + bytes > maxBytes)
            throw httpErrors.conflict(`The board would grow past its size limit (${maxBytes} bytes) with these notes.`)
          if (dryRun) return reply.status(200).send({ dryRun: true, notes, boardNotes, maxNotes })

          const createdAt = Date.now()
          const created = notes.map((note) => ({ ...note, id: newId() }))
          room.transact((doc) => {
            for (const note of created) {
              createNote(doc, {
                id: note.id,
                text: note.text,
                x: note.x,
                y: note.y,
                width: note.width,
                height: note.height,
                color: note.color,
                zone: note.zone,
                authorId: IMPORT_AUTHOR_ID,
                authorName: note.author,
                createdAt,
              })
            }
          })
          await room.drained()
          request.log.info({ boardId, notes: created.length, csv }, 'notes imported')
          return reply.status(201).send({ dryRun: false, notes: created, boardNotes, maxNotes })
        } finally {
          lease.release()
        }
      })
    },
  )
}
