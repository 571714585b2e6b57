import { Kind, type TObject, type TSchema } from '@sinclair/typebox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as boardsApi from '@shared/api/boards.ts'
import * as exportsApi from '@shared/api/exports.ts'
import * as ideasApi from '@shared/api/ideas.ts'
import * as templatesApi from '@shared/api/templates.ts'
import { nonFiniteNumberPath } from '../../server/validation.ts'
import { api, hubToken } from '../helpers/ideas.ts'
import { startServer, type TestServer } from '../helpers/server.ts'

/**
 * Query strings are coerced to numbers by the validator, and it turns "Infinity" or "1e309"
 * into Infinity after its own finiteness check, so a schema's minimum and maximum never saw
 * them: every numeric query parameter must answer them with 400, not 500.
 */
const NON_FINITE = ['Infinity', '-Infinity', '1e309', '-1e309']

/** Each query schema of the API with the route that reads it (a route's other required parameters included). */
const ROUTES_BY_QUERY: Record<string, string> = {
  IdeaListQuery: '/api/ideas?',
  SimilarIdeasQuery: '/api/ideas/similar?text=koulu&',
}

function numericProperties(schema: TSchema): string[] {
  if (schema[Kind] !== 'Object') return []
  return Object.entries((schema as TObject).properties)
    .filter(([, property]) => property[Kind] === 'Integer' || property[Kind] === 'Number')
    .map(([name]) => name)
}

const queries = Object.entries({ ...boardsApi, ...exportsApi, ...ideasApi, ...templatesApi })
  .filter(([name, value]) => name.endsWith('Query') && typeof value === 'object' && value !== null && Kind in value)
  .map(([name, schema]) => ({ name, params: numericProperties(schema as TSchema) }))
  .filter((query) => query.params.length > 0)

describe('non-finite numbers in requests', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer()
  })
  afterAll(async () => {
    await server.close()
  })

  it('knows the route of every query schema with a numeric parameter', () => {
    expect(queries.map((query) => query.name).sort()).toEqual(Object.keys(ROUTES_BY_QUERY).sort())
  })

  for (const { name, params } of queries) {
    for (const param of params) {
      it(`${name}: ${param}=${NON_FINITE.join(' | ')} is a 400 naming the parameter`, async () => {
        for (const value of NON_FINITE) {
          const response = await api<{ error: string; message: string }>(
            server,
            'GET',
            `${ROUTES_BY_QUERY[name]}${param}=${value}`,
            { token: hubToken(server) },
          )
          expect(response.status, `${param}=${value}: ${response.text}`).toBe(400)
          expect(response.body).toMatchObject({ error: 'bad_request' })
          expect(response.body.message).toContain(`querystring/${param}`)
        }
      })
    }
  }

  it('finite values still work', async () => {
    expect((await api(server, 'GET', '/api/ideas?limit=1e1&offset=0', { token: hubToken(server) })).status).toBe(200)
    expect((await api(server, 'GET', '/api/ideas/similar?text=x&limit=2', { token: hubToken(server) })).status).toBe(
      200,
    )
  })

  it('finds a non-finite number anywhere in a validated value (query, params or a JSON body)', () => {
    expect(nonFiniteNumberPath({ limit: 5, q: 'Infinity' }, 'querystring')).toBeNull()
    expect(nonFiniteNumberPath({ limit: Infinity }, 'querystring')).toBe('querystring/limit')
    expect(nonFiniteNumberPath({ zones: [{ x: 1 }, { x: -Infinity }] }, 'body')).toBe('body/zones/1/x')
    expect(nonFiniteNumberPath(Number.NaN, 'body')).toBe('body')
    expect(nonFiniteNumberPath(null, 'body')).toBeNull()
  })
})
