import { Kind } from '@sinclair/typebox'
import { STATUS_CODES } from 'node:http'
import type { FastifySchema } from 'fastify'
import * as admin from '@shared/api/admin.ts'
import * as boards from '@shared/api/boards.ts'
import * as errors from '@shared/api/errors.ts'
import * as exportsApi from '@shared/api/exports.ts'
import * as health from '@shared/api/health.ts'
import * as ideas from '@shared/api/ideas.ts'
import * as lifecycleApi from '@shared/api/lifecycle.ts'
import * as me from '@shared/api/me.ts'
import * as templates from '@shared/api/templates.ts'
import * as time from '@shared/api/time.ts'
import type { RegisteredRoute } from './route-catalogue.ts'
import { UNSCHEMATISED_OPERATIONS } from './websocket-operation.ts'

/** A JSON Schema or an OpenAPI object, as plain JSON. */
export type Json = { [key: string]: unknown }

export interface OpenApiDocument extends Json {
  openapi: string
  info: { title: string; version: string; description: string }
  paths: Record<string, Record<string, Json>>
  components: { schemas: Record<string, Json>; securitySchemes: Record<string, Json> }
}

export const API_TAGS = [
  { name: 'boards', description: 'Creating boards, their summary and share links, promotion and exports.' },
  { name: 'templates', description: 'The built-in methods and the templates facilitators saved from boards.' },
  { name: 'ideas', description: 'The idea registry: listing, search, one idea, exports.' },
  { name: 'hub', description: "The innovation hub's changes to ideas (HUB_TOKEN)." },
  { name: 'admin', description: 'The administrator: every board, the audit log, erasure (HUB_TOKEN in links mode).' },
  { name: 'auth', description: 'Sign-in through OpenID Connect (AUTH=oidc) and who is asking.' },
  { name: 'sync', description: 'The real-time connection to a board (docs/protocol.md).' },
  { name: 'health', description: 'Liveness and readiness probes, and the server clock.' },
  { name: 'docs', description: 'This description.' },
]

const SECURITY_SCHEMES = {
  boardToken: {
    type: 'http',
    scheme: 'bearer',
    description:
      'A share token of the board: the part after #token= of a share link. Its role (facilitator, participant, viewer) decides what it may do.',
  },
  hubToken: {
    type: 'http',
    scheme: 'bearer',
    description:
      "The innovation hub's token (HUB_TOKEN, or the hub-token file in DATA_DIR). Needed only to change ideas.",
  },
}

/** Every TypeBox schema the shared API modules export, by its export name (components). */
function namedSchemas(): Map<string, unknown> {
  const named = new Map<string, unknown>()
  for (const module of [errors, boards, lifecycleApi, admin, me, templates, ideas, exportsApi, health, time]) {
    for (const [name, value] of Object.entries(module)) {
      if (typeof value === 'object' && value !== null && Kind in value) named.set(name, value)
    }
  }
  return named
}

/** A TypeBox schema as plain JSON (TypeBox's own marks are symbols, which JSON leaves out). */
function plain(schema: unknown): Json {
  return JSON.parse(JSON.stringify(schema)) as Json
}

/**
 * Builds the API description from the registered routes: paths, parameters, bodies and
 * responses come from the schemas the server validates with, so the two cannot drift apart.
 * Shapes defined in shared/api appear once, under components.schemas, and are referred to.
 */
export function buildOpenApiDocument(
  routes: readonly RegisteredRoute[],
  options: { version: string; serverUrl?: string },
): OpenApiDocument {
  const components: Record<string, Json> = {}
  const named = namedSchemas()
  const byJson = new Map<string, string>()
  for (const [name, schema] of named) {
    const json = plain(schema)
    // A bare `{type: string}` says nothing worth a name.
    if (Object.keys(json).some((key) => key !== 'type' && key !== 'description')) {
      if (!byJson.has(JSON.stringify(json))) byJson.set(JSON.stringify(json), name)
    }
  }
  const used = new Set<string>()
  /** Replaces every named shape inside a schema by a $ref (except the component itself). */
  const refer = (node: unknown, self?: string): unknown => {
    if (Array.isArray(node)) return node.map((item) => refer(item))
    if (typeof node !== 'object' || node === null) return node
    const name = byJson.get(JSON.stringify(node))
    if (name && name !== self) {
      used.add(name)
      return { $ref: `#/components/schemas/${name}` }
    }
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, refer(value)]))
  }
  const schemaOf = (schema: unknown): Json => refer(plain(schema)) as Json

  const paths: OpenApiDocument['paths'] = {}
  for (const route of routes) {
    if (route.schema?.hide) continue
    for (const method of route.methods) {
      // Fastify answers HEAD for every GET by itself; it is not a separate operation.
      if (method === 'HEAD') continue
      const path = route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}')
      const fixed = UNSCHEMATISED_OPERATIONS[`${method} ${route.url}`]
      const operation = fixed ?? describeOperation(route.schema, schemaOf)
      paths[path] = { ...paths[path], [method.toLowerCase()]: operation }
    }
  }

  // Components referred to from other components are used too.
  const pending = [...used]
  while (pending.length > 0) {
    const name = pending.pop()!
    if (components[name]) continue
    const before = new Set(used)
    components[name] = refer(plain(named.get(name)), name) as Json
    for (const next of used) if (!before.has(next)) pending.push(next)
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'Kokeileva HTTP API',
      version: options.version,
      description:
        'Boards, templates and the idea registry. Bodies are JSON; every error is `{"error": code, "message": text}` ' +
        'with a fitting status, and a message that names the field and what it allows. Generated from the ' +
        "server's own validation schemas.",
    },
    ...(options.serverUrl ? { servers: [{ url: options.serverUrl }] } : {}),
    tags: API_TAGS,
    paths: sortPaths(paths),
    components: {
      schemas: Object.fromEntries(Object.entries(components).sort(([a], [b]) => a.localeCompare(b))),
      securitySchemes: SECURITY_SCHEMES,
    },
  }
}

function sortPaths(paths: OpenApiDocument['paths']): OpenApiDocument['paths'] {
  return Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b)))
}

function describeOperation(schema: FastifySchema | undefined, schemaOf: (schema: unknown) => Json): Json {
  const operation: Json = {}
  if (schema?.tags) operation['tags'] = schema.tags
  if (schema?.summary) operation['summary'] = schema.summary
  if (schema?.description) operation['description'] = schema.description
  if (schema?.security) operation['security'] = schema.security
  const parameters = [
    ...parametersOf(schema?.params, 'path', schemaOf),
    ...parametersOf(schema?.querystring, 'query', schemaOf),
  ]
  if (parameters.length > 0) operation['parameters'] = parameters
  if (schema?.body) {
    const types = schema.consumes ?? ['application/json']
    operation['requestBody'] = {
      required: true,
      content: Object.fromEntries(types.map((type) => [type, { schema: schemaOf(schema.body) }])),
    }
  }
  operation['responses'] = responsesOf(schema, schemaOf)
  return operation
}

function parametersOf(schema: unknown, where: 'path' | 'query', schemaOf: (schema: unknown) => Json): Json[] {
  if (!schema) return []
  const object = plain(schema) as { properties?: Record<string, Json>; required?: string[] }
  return Object.entries(object.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property
    return {
      name,
      in: where,
      required: where === 'path' || (object.required ?? []).includes(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: schemaOf(rest),
    }
  })
}

function responsesOf(schema: FastifySchema | undefined, schemaOf: (schema: unknown) => Json): Json {
  const responses: Json = {}
  const declared = (schema?.response ?? {}) as Record<string, unknown>
  for (const [status, body] of Object.entries(declared)) {
    const json = plain(body)
    const description =
      typeof json['description'] === 'string' ? json['description'] : (STATUS_CODES[Number(status)] ?? status)
    if (json['type'] === 'null') {
      responses[status] = { description }
    } else if (schema?.produces && status.startsWith('2')) {
      responses[status] = {
        description,
        content: Object.fromEntries(schema.produces.map((type) => [type, { schema: { type: 'string' } }])),
      }
    } else {
      responses[status] = { description, content: { 'application/json': { schema: schemaOf(body) } } }
    }
  }
  if (Object.keys(responses).length === 0) responses['200'] = { description: 'OK' }
  return responses
}
