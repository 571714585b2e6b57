import type { FastifySchemaValidationError } from 'fastify/types/schema.js'

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
