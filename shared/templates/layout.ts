import type { BoardLayout } from '../board/init.ts'
import type { PhaseData } from '../board/schema.ts'
import type { Locale, TemplateDefinition, TemplatePhase } from './types.ts'

export function phaseFromTemplate(phase: TemplatePhase, locale: Locale): PhaseData {
  return {
    id: phase.id,
    title: phase.title[locale],
    prompt: phase.prompt[locale],
    minutes: phase.minutes,
    openZones: phase.openZones === 'all' ? 'all' : [...phase.openZones],
    silent: phase.silent,
    voting: phase.voting,
    loopTo: phase.loopTo ?? null,
  }
}

/** The zones and phase plan a new board gets from a template, in the board's language. */
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
    phases: template.phases.map((phase) => phaseFromTemplate(phase, locale)),
    votesPerPerson: template.votesPerPerson,
  }
}
