import type { FastifyInstance } from 'fastify'
import type { FastifySchemaValidationError } from 'fastify/types/schema.js'
import { httpErrors } from './errors.ts'

/**
 * Validation options for every route: unknown body fields are an error (400), not silently
 * dropped, so a client that misspells a field learns it at once. Query strings are still
 * coerced (numbers arrive as text).
 */
export const ajvOptions = {
  customOptions: { removeAdditional: false, coerceTypes: 'array' as const, useDefaults: true, allErrors: false },
}

/** "body/title must NOT have more than 200 characters", naming the field — also for extra ones. */
export function formatSchemaErrors(errors: FastifySchemaValidationError[], dataVar: string): Error {
  const first = errors[0]
  if (!first) return new Error(`${dataVar} is invalid`)
  const path = `${dataVar}${first.instancePath}`
  const extra =
    first.params && typeof first.params === 'object' && 'additionalProperty' in first.params
      ? `: "${String(first.params.additionalProperty)}"`
      : ''
  return new Error(`${path} ${first.message ?? 'is invalid'}${extra}`)
}

/**
 * Where a validated part of a request (query string, params, body) holds a number that is
 * not finite, as "querystring/limit"; null when it holds none. The validator's type
 * coercion turns the text "Infinity" or "1e309" into Infinity after its own finiteness
 * check, so a schema's minimum and maximum never see such a value: this is checked after
 * validation, for every route.
 */
export function nonFiniteNumberPath(value: unknown, path: string): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : path
  if (typeof value !== 'object' || value === null) return null
  for (const [key, item] of Object.entries(value)) {
    const found = nonFiniteNumberPath(item, `${path}/${key}`)
    if (found !== null) return found
  }
  return null
}

/** Answers 400 for a request whose validated query, params or body holds a non-finite number. */
export function rejectNonFiniteNumbers(app: FastifyInstance): void {
  app.addHook('preHandler', async (request) => {
    const parts = { querystring: request.query, params: request.params, body: request.body }
    for (const [part, value] of Object.entries(parts)) {
      const path = nonFiniteNumberPath(value, part)
      if (path !== null) throw httpErrors.badRequest(`${path} must be a finite number`)
    }
  })
}
