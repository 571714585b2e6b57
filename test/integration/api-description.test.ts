import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type TestServer } from '../helpers/server.ts'

interface Operation {
  summary?: string
  tags?: string[]
  parameters?: Array<{ name: string; in: string }>
  responses: Record<string, unknown>
}
interface Document {
  openapi: string
  info: { version: string }
  paths: Record<string, Record<string, Operation>>
  components: { schemas: Record<string, unknown> }
}

/**
 * Every route as Fastify's router holds it, read from printRoutes() (a source independent of
 * the catalogue the description is made from): "GET /api/boards/:id", …
 */
function registeredRoutes(tree: string): string[] {
  const routes: string[] = []
  const stack: string[] = []
  for (const line of tree.split('\n')) {
    const match = /^((?:[│ ] {3})*)(?:[├└]── )?(\S+)(?: \(([^)]+)\))?$/.exec(line)
    if (!match) continue
    const depth = match[1]!.length / 4
    stack.length = depth
    const parent = stack[depth - 1] ?? ''
    const path = depth === 0 ? match[2]! : `${parent === '/' ? '/' : parent}${match[2]!}`
    stack[depth] = path
    for (const method of match[3]?.split(', ') ?? []) routes.push(`${method} ${path}`)
  }
  return routes
}

describe('the API description', () => {
  let server: TestServer
  let document: Document
  beforeAll(async () => {
    // No built client: the web app's own routes are not part of the API.
    server = await startServer({}, { clientDistDir: '/nonexistent' })
    document = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as Document
  })
  afterAll(async () => {
    await server.close()
  })

  it('describes every route the app registers, each with a summary and a section', () => {
    const routes = registeredRoutes(server.app.printRoutes({ commonPrefix: false }))
    expect(routes).toContain('PATCH /api/ideas/:id')
    expect(routes).toContain('GET /sync/:boardId')
    const described = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    )
    // HEAD answers every GET by itself; "/" is the web app.
    const expected = routes.filter((route) => !route.startsWith('HEAD ') && route !== 'GET /')
    expect(described.sort()).toEqual([...new Set(expected)].sort())
    const tags = new Set((document as unknown as { tags: Array<{ name: string }> }).tags.map((tag) => tag.name))
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        expect(operation.summary, `${method} ${path}`).toMatch(/\w/)
        expect(tags.has(operation.tags?.[0] ?? ''), `${method} ${path}`).toBe(true)
        for (const name of path.match(/\{(\w+)\}/g) ?? []) {
          const declared = operation.parameters?.some((p) => p.in === 'path' && `{${p.name}}` === name)
          expect(declared, `${method} ${path} declares ${name}`).toBe(true)
        }
      }
    }
  })

  it('is OpenAPI 3.1 with the release version, and every reference resolves', async () => {
    expect(document.openapi).toBe('3.1.0')
    const { VERSION } = await import('../../server/version.ts')
    expect(document.info.version).toBe(VERSION)
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]!)
    expect(refs.length).toBeGreaterThan(20)
    for (const name of refs) expect(document.components.schemas, name).toHaveProperty(name)
    // Shapes come from the validation schemas: the board body says what it accepts.
    expect(document.components.schemas['CreateBoardBody']).toMatchObject({
      additionalProperties: false,
      required: ['title'],
      properties: { title: { type: 'string', minLength: 1, maxLength: 200 } },
    })
  })

  it('every operation is in the table of docs/api.md', () => {
    const table = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'api.md'), 'utf8')
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const method of Object.keys(methods)) {
        const row = `| \`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`
        expect(table, row).toContain(row)
      }
    }
  })

  it('has a reference page that needs nothing from elsewhere', async () => {
    const response = await fetch(`${server.url}/api/docs`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    const page = await response.text()
    for (const path of Object.keys(document.paths)) expect(page).toContain(path)
    expect(page).toContain('id="schema-IdeaDetail"')
    expect(page).not.toMatch(/<script|<link|src="http|href="http/)
  })

  it('validation errors say what is allowed', async () => {
    const board = await server.createBoard('Exports')
    const response = await fetch(`${server.url}/api/boards/${board.id}/export?format=xls`, {
      headers: { authorization: `Bearer ${board.tokens.viewer}` },
    })
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({
      error: 'bad_request',
      message: 'querystring/format must be one of md, csv, json',
    })
    const patch = await fetch(`${server.url}/api/ideas/KT-2026-0001`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'done' }),
    })
    expect((await patch.json()) as unknown).toMatchObject({
      message: expect.stringMatching(/^body\/status must be one of new, screening, .*merged$/) as unknown,
    })
  })
})
