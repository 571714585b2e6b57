import { blank } from './blank.ts'
import { brainstorm } from './brainstorm.ts'
import { disney } from './disney.ts'
import { howMightWe } from './how-might-we.ts'
import { retro } from './retro.ts'
import { sixHats } from './six-hats.ts'
import { swot } from './swot.ts'
import type { TemplateDefinition } from './types.ts'

export * from './types.ts'
export * from './layout.ts'
export * from './validate.ts'

/** The built-in templates, in the order the start page shows them. */
export const TEMPLATES: readonly TemplateDefinition[] = [disney, brainstorm, howMightWe, swot, retro, sixHats, blank]

export const DEFAULT_TEMPLATE_ID = 'blank'

/** A built-in template by id (custom templates live on the server). */
export function findTemplate(id: string): TemplateDefinition | undefined {
  return TEMPLATES.find((template) => template.id === id)
}

/** Custom template ids start with this, so they never collide with a built-in one. */
export const CUSTOM_TEMPLATE_PREFIX = 'c-'

export function isCustomTemplateId(id: string): boolean {
  return id.startsWith(CUSTOM_TEMPLATE_PREFIX)
}
