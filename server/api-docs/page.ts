import type { Json, OpenApiDocument } from './openapi.ts'

/**
 * The API reference as one HTML page, rendered on the server from the OpenAPI document: no
 * script, no CDN, nothing to install. Operations by section, their parameters, bodies and
 * responses, and every named shape once at the end.
 */
export function renderApiPage(document: OpenApiDocument): string {
  const operations = listOperations(document)
  const sections = (document['tags'] as { name: string; description: string }[])
    .map((tag) => ({
      tag,
      operations: operations.filter((op) => (op.operation['tags'] as string[])?.[0] === tag.name),
    }))
    .filter((section) => section.operations.length > 0)
  const toc = sections
    .map(
      ({ tag, operations: list }) =>
        `<li>${escape(tag.name)}<ul>${list
          .map(
            (op) =>
              `<li><a href="#${op.anchor}"><code>${op.method} ${escape(op.path)}</code></a> ${escape(summary(op))}</li>`,
          )
          .join('')}</ul></li>`,
    )
    .join('')
  const body = sections
    .map(
      ({ tag, operations: list }) =>
        `<section><h2 id="tag-${escape(tag.name)}">${escape(tag.name)}</h2><p>${escape(tag.description)}</p>${list
          .map(renderOperation)
          .join('')}</section>`,
    )
    .join('')
  const schemas = Object.entries(document.components.schemas)
    .map(([name, schema]) => `<h3 id="schema-${escape(name)}">${escape(name)}</h3>${renderSchema(schema)}`)
    .join('')
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(document.info.title)} ${escape(document.info.version)}</title>
<style>${STYLE}</style></head>
<body><main>
<h1>${escape(document.info.title)} <small>${escape(document.info.version)}</small></h1>
<p>${inlineCode(escape(document.info.description))}</p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI ${escape(document.openapi)}).</p>
<nav><h2>Operations</h2><ul>${toc}</ul></nav>
${body}
<section><h2 id="schemas">Shapes</h2>${schemas}</section>
</main></body></html>`
}

interface ListedOperation {
  method: string
  path: string
  anchor: string
  operation: Json
}

function listOperations(document: OpenApiDocument): ListedOperation[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      anchor: `${method}-${path}`.replace(/[^A-Za-z0-9]+/g, '-'),
      operation,
    })),
  )
}

function summary(op: ListedOperation): string {
  return typeof op.operation['summary'] === 'string' ? op.operation['summary'] : ''
}

function renderOperation(op: ListedOperation): string {
  const { operation } = op
  const parts = [`<h3 id="${op.anchor}"><code>${op.method} ${escape(op.path)}</code></h3>`]
  if (summary(op)) parts.push(`<p><strong>${escape(summary(op))}</strong></p>`)
  if (typeof operation['description'] === 'string') parts.push(`<p>${inlineCode(escape(operation['description']))}</p>`)
  const security = (operation['security'] as Record<string, unknown>[] | undefined) ?? []
  if (security.length > 0) {
    const names = security.flatMap((entry) => Object.keys(entry))
    parts.push(
      `<p>Needs <code>Authorization: Bearer</code> with ${names.map((name) => `<em>${escape(name)}</em>`).join(' or ')}.</p>`,
    )
  }
  const parameters = (operation['parameters'] as Json[] | undefined) ?? []
  if (parameters.length > 0) {
    parts.push(
      `<table><tr><th>parameter</th><th>in</th><th>type</th><th>about</th></tr>${parameters
        .map(
          (p) =>
            `<tr><td><code>${escape(text(p['name']))}</code>${p['required'] ? '' : ' <small>optional</small>'}</td><td>${escape(text(p['in']))}</td><td>${describe(p['schema'] as Json)}</td><td>${escape(text(p['description']))}</td></tr>`,
        )
        .join('')}</table>`,
    )
  }
  const body = operation['requestBody'] as { content: Record<string, { schema: Json }> } | undefined
  if (body) {
    const json = body.content['application/json']
    parts.push(
      json
        ? `<h4>Body</h4>${renderSchema(json.schema)}`
        : `<h4>Body</h4><p>A file: ${Object.keys(body.content).map(escape).join(' or ')}</p>`,
    )
  }
  const responses = Object.entries(operation['responses'] as Record<string, Json>)
  parts.push(
    `<h4>Responses</h4><table><tr><th>status</th><th>meaning</th><th>body</th></tr>${responses
      .map(([status, response]) => {
        const content = response['content'] as Record<string, { schema: Json }> | undefined
        const types = Object.keys(content ?? {})
        const shown =
          types.length === 1 && types[0] === 'application/json'
            ? describe(content!['application/json']!.schema)
            : types.map((type) => `<code>${escape(type)}</code>`).join(', ')
        return `<tr><td>${escape(status)}</td><td>${escape(text(response['description']))}</td><td>${shown}</td></tr>`
      })
      .join('')}</table>`,
  )
  return `<article>${parts.join('\n')}</article>`
}

/** An object's fields as a table; anything else as a one-line description. */
function renderSchema(schema: Json): string {
  const properties = schema['properties'] as Record<string, Json> | undefined
  if (!properties) return `<p>${describe(schema)}</p>`
  const required = new Set((schema['required'] as string[] | undefined) ?? [])
  const rows = Object.entries(properties)
    .map(
      ([name, property]) =>
        `<tr><td><code>${escape(name)}</code>${required.has(name) ? '' : ' <small>optional</small>'}</td><td>${describe(property)}</td><td>${escape(text(property['description']))}</td></tr>`,
    )
    .join('')
  const closed = schema['additionalProperties'] === false ? '<p><small>No other fields are accepted.</small></p>' : ''
  return `<table><tr><th>field</th><th>type</th><th>about</th></tr>${rows}</table>${closed}`
}

/** A schema in a few words: "string (1–200 characters)", "array of Idea", "md | csv | json". */
function describe(schema: Json | undefined): string {
  if (!schema) return ''
  if (typeof schema['$ref'] === 'string') {
    const name = schema['$ref'].split('/').pop() ?? ''
    return `<a href="#schema-${escape(name)}">${escape(name)}</a>`
  }
  if ('const' in schema) return `<code>${escape(JSON.stringify(schema['const']))}</code>`
  const anyOf = schema['anyOf'] as Json[] | undefined
  if (anyOf) return anyOf.map(describe).join(' | ')
  const type = schema['type']
  if (type === 'array') {
    const limits = range(schema['minItems'], schema['maxItems'], 'items')
    return `array of ${describe(schema['items'] as Json)}${limits}`
  }
  if (type === 'object') {
    if (schema['properties']) {
      const fields = Object.entries(schema['properties'] as Record<string, Json>)
        .map(([name, property]) => `${escape(name)}: ${describe(property)}`)
        .join(', ')
      return `{${fields}}`
    }
    const values = schema['patternProperties'] ?? schema['additionalProperties']
    return typeof values === 'object' && values !== null ? `map of ${describe(values as Json)}` : 'object'
  }
  const details: string[] = []
  if (type === 'string') {
    const chars = range(schema['minLength'], schema['maxLength'], 'characters')
    if (chars) details.push(chars.trim().slice(1, -1))
    if (typeof schema['pattern'] === 'string') details.push(`pattern <code>${escape(schema['pattern'])}</code>`)
  }
  if (type === 'number' || type === 'integer') {
    const min = schema['minimum'] ?? schema['exclusiveMinimum']
    const max = schema['maximum']
    if (min !== undefined || max !== undefined) details.push(`${text(min)}…${text(max)}`)
  }
  if (schema['default'] !== undefined) details.push(`default ${escape(JSON.stringify(schema['default']))}`)
  return `${escape(text(type) || 'any')}${details.length > 0 ? ` (${details.join(', ')})` : ''}`
}

function range(min: unknown, max: unknown, unit: string): string {
  if (min === undefined && max === undefined) return ''
  if (min === undefined) return ` (at most ${text(max)} ${unit})`
  if (max === undefined) return ` (at least ${text(min)} ${unit})`
  return ` (${text(min)}–${text(max)} ${unit})`
}

/** A scalar from the document as text; anything else as nothing. */
function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : ''
}

function escape(raw: string): string {
  return raw.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}

/** `code` in descriptions, as the Markdown they are written in. */
function inlineCode(escaped: string): string {
  return escaped.replace(/`([^`]+)`/g, '<code>$1</code>')
}

const STYLE = `
body{font:15px/1.5 system-ui,sans-serif;color:#1f2937;background:#fff;margin:0}
main{max-width:960px;margin:0 auto;padding:1.5rem}
h1 small{font-weight:normal;color:#6b7280}
h2{border-bottom:1px solid #e5e7eb;padding-bottom:.25rem;margin-top:2.5rem}
article{border-left:4px solid #fde68a;padding-left:1rem;margin:1.5rem 0}
code{background:#f3f4f6;padding:0 .25rem;border-radius:3px;font-size:.92em}
table{border-collapse:collapse;margin:.5rem 0;width:100%}
th,td{border:1px solid #e5e7eb;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f9fafb}
nav ul{padding-left:1.25rem}
small{color:#6b7280}
a{color:#1d4ed8}
`
