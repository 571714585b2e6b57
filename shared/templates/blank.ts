import type { TemplateDefinition } from './types.ts'

export const blank: TemplateDefinition = {
  id: 'blank',
  name: { fi: 'Tyhjä taulu', en: 'Blank board' },
  description: { fi: 'Vapaa kangas muistilapuille.', en: 'A free canvas for sticky notes.' },
  zones: [],
  phases: [
    {
      id: 'write',
      title: { fi: 'Kirjoitetaan', en: 'Writing' },
      prompt: { fi: 'Kirjoita ideasi lapuille.', en: 'Write your ideas on notes.' },
      minutes: 10,
      openZones: [],
      silent: false,
      voting: false,
    },
  ],
  votesPerPerson: 3,
}
