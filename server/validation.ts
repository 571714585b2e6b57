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

/**
 * "body/title must NOT have more than 200 characters", naming the field — also for extra ones —
 * and saying what is allowed: "querystring/format must be one of md, csv, json" rather than
 * Ajv's "must be equal to constant".
 */
export function formatSchemaErrors(errors: FastifySchemaValidationError[], dataVar: string): Error {
  const first = errors[0]
  if (!first) return new Error(`${dataVar} is invalid`)
  // A failed union reports each branch's failure first, then the anyOf itself.
  const union = errors.find((error) => error.keyword === 'anyOf' && first.schemaPath.startsWith(`${error.schemaPath}/`))
  if (union) return new Error(`${dataVar}${union.instancePath} ${describeUnion(union, errors, dataVar)}`)
  const path = `${dataVar}${first.instancePath}`
  return new Error(`${path} ${describeOne(first)}`)
}

function describeOne(error: FastifySchemaValidationError): string {
  const params = error.params
  if (error.keyword === 'additionalProperties' && 'additionalProperty' in params)
    return `${error.message ?? 'is invalid'}: "${String(params['additionalProperty'])}"`
  if (error.keyword === 'const' && 'allowedValue' in params) return `must be ${quote(params['allowedValue'])}`
  if (error.keyword === 'enum' && Array.isArray(params['allowedValues']))
    return `must be one of ${params['allowedValues'].map(quote).join(', ')}`
  return error.message ?? 'is invalid'
}

/** "must be one of md, csv, json" for a union of constants; else each branch's rule, or'ed. */
function describeUnion(
  union: FastifySchemaValidationError,
  errors: FastifySchemaValidationError[],
  dataVar: string,
): string {
  const branches = errors.filter((error) => error !== union && error.schemaPath.startsWith(`${union.schemaPath}/`))
  const constants = branches.filter((error) => error.keyword === 'const' && 'allowedValue' in error.params)
  if (constants.length > 0 && constants.length === branches.length)
    return `must be one of ${constants.map((error) => quote(error.params['allowedValue'])).join(', ')}`
  // A branch that failed deeper (an item of an array) names where.
  const rules = [
    ...new Set(
      branches.map((error) =>
        error.instancePath === union.instancePath
          ? describeOne(error)
          : `${dataVar}${error.instancePath} ${describeOne(error)}`,
      ),
    ),
  ]
  return rules.length > 0 ? rules.join(', or ') : (union.message ?? 'is invalid')
}

/** Values as a reader would type them: strings bare, others as JSON (null, 3, true). */
function quote(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value)
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
