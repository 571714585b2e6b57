import { Value } from '@sinclair/typebox/value'
import { TemplateDefinitionBody, type TemplateBody } from '@shared/api/templates.ts'
import { TEMPLATES, findTemplate, isCustomTemplateId, type TemplateDefinition } from '@shared/templates/index.ts'
import type { TemplateRecord, TemplateStore } from '../storage/types.ts'

/** A template as the API serves it (arrays copied out of the readonly definitions). */
export function toTemplateBody(
  template: TemplateDefinition,
  origin: { builtIn: boolean; createdAt: number | null },
): TemplateBody {
  return {
    id: template.id,
    name: { ...template.name },
    description: { ...template.description },
    zones: template.zones.map((zone) => ({ ...zone, title: { ...zone.title }, prompt: { ...zone.prompt } })),
    phases: template.phases.map((phase) => ({
      ...phase,
      title: { ...phase.title },
      prompt: { ...phase.prompt },
      openZones: phase.openZones === 'all' ? 'all' : [...phase.openZones],
    })),
    votesPerPerson: template.votesPerPerson,
    ...origin,
  }
}

/**
 * A stored custom template, checked again on the way out: a row that no longer fits the
 * schema (edited by hand, written by an older version) is skipped rather than served.
 */
export function parseStoredTemplate(record: TemplateRecord): TemplateDefinition | null {
  return Value.Check(TemplateDefinitionBody, record.definition) ? record.definition : null
}

/** A built-in or custom template by id; null when there is none. */
export async function findAnyTemplate(
  store: TemplateStore,
  id: string,
): Promise<{ template: TemplateDefinition; record: TemplateRecord | null } | null> {
  if (!isCustomTemplateId(id)) {
    const template = findTemplate(id)
    return template ? { template, record: null } : null
  }
  const record = await store.getTemplate(id)
  const template = record ? parseStoredTemplate(record) : null
  return template && record ? { template, record } : null
}

/** Built-in templates first (in their order), then custom ones, newest first. */
export async function listAllTemplates(store: TemplateStore): Promise<TemplateBody[]> {
  const custom: TemplateBody[] = []
  for (const record of await store.listTemplates()) {
    const template = parseStoredTemplate(record)
    if (template) custom.push(toTemplateBody(template, { builtIn: false, createdAt: record.createdAt }))
  }
  return [...TEMPLATES.map((template) => toTemplateBody(template, { builtIn: true, createdAt: null })), ...custom]
}
