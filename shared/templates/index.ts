import type { BoardLayout } from '../board/init.ts'
import { blank } from './blank.ts'
import type { Locale, TemplateDefinition } from './types.ts'

export * from './types.ts'

/** The built-in templates, in the order the start page shows them. */
export const TEMPLATES: readonly TemplateDefinition[] = [blank]

export const DEFAULT_TEMPLATE_ID = 'blank'

export function findTemplate(id: string): TemplateDefinition | undefined {
  return TEMPLATES.find((template) => template.id === id)
}

/** The zones and first phase a new board gets from a template, in the given language. */
export function layoutFromTemplate(template: TemplateDefinition, locale: Locale): BoardLayout {
  return {
    zones: template.zones.map((zone) => ({
      id: zone.key,
      kind: zone.kind,
      title: zone.title[locale],
      prompt: zone.prompt[locale],
      x: zone.x,
      y: zone.y,
      width: zone.width,
      height: zone.height,
      color: zone.color,
    })),
    firstPhase: template.phases[0]?.id ?? '',
    votesPerPerson: template.votesPerPerson,
  }
}
