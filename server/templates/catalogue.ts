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
  const definition = withSwedish(record.definition)
  return Value.Check(TemplateDefinitionBody, definition) ? definition : null
}

type Texts = Record<string, unknown>

const isTexts = (value: unknown): value is Texts => typeof value === 'object' && value !== null && !Array.isArray(value)

/** `{fi, en}` without `sv`: the Swedish slot copies the Finnish text. */
const fillSwedish = (texts: unknown) => (isTexts(texts) && !('sv' in texts) ? { ...texts, sv: texts.fi } : texts)

const mapItems = (items: unknown, fill: (item: Texts) => Texts) =>
  Array.isArray(items) ? items.map((item: unknown) => (isTexts(item) ? fill(item) : item)) : items

/**
 * Templates saved before Swedish existed hold only `fi` and `en`: their Swedish slot copies the
 * Finnish text (a saved template's texts are the board's own language in every slot anyway),
 * so they are still served. Anything else is left for the schema check to judge.
 */
function withSwedish(definition: unknown): unknown {
  if (!isTexts(definition)) return definition
  return {
    ...definition,
    name: fillSwedish(definition.name),
    description: fillSwedish(definition.description),
    zones: mapItems(definition.zones, (zone) => ({
      ...zone,
      title: fillSwedish(zone.title),
      prompt: fillSwedish(zone.prompt),
    })),
    phases: mapItems(definition.phases, (phase) => ({
      ...phase,
      title: fillSwedish(phase.title),
      prompt: fillSwedish(phase.prompt),
    })),
  }
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
