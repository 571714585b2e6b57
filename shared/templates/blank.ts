import type { TemplateDefinition } from './types.ts'

export const blank: TemplateDefinition = {
  id: 'blank',
  name: { fi: 'Tyhjä taulu', en: 'Blank board', sv: 'Tom tavla' },
  description: {
    fi: 'Tyhjä taulu muistilapuille ilman valmiita alueita. Fasilitaattori voi lisätä alueita tarpeen mukaan.',
    en: 'A free canvas for sticky notes without ready-made areas. The facilitator can add areas.',
    sv: 'En fri yta för lappar, utan färdiga områden. Facilitatorn kan lägga till områden.',
  },
  zones: [],
  phases: [
    {
      id: 'write',
      title: { fi: 'Työskentely', en: 'Working', sv: 'Arbete' },
      prompt: {
        fi: 'Kirjoita ajatuksesi lapuille.',
        en: 'Write your thoughts on notes.',
        sv: 'Skriv dina tankar på lappar.',
      },
      minutes: 10,
      openZones: 'all',
      silent: false,
      voting: false,
    },
  ],
  votesPerPerson: 3,
}
