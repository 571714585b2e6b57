import { Type, type Static } from '@sinclair/typebox'

const Localized = Type.Object({ fi: Type.String(), en: Type.String() })

export const TemplateZoneBody = Type.Object({
  key: Type.String(),
  kind: Type.String(),
  title: Localized,
  prompt: Localized,
  x: Type.Number(),
  y: Type.Number(),
  width: Type.Number(),
  height: Type.Number(),
  color: Type.String(),
})

export const TemplatePhaseBody = Type.Object({
  id: Type.String(),
  title: Localized,
  prompt: Localized,
  minutes: Type.Number(),
  openZones: Type.Array(Type.String()),
  silent: Type.Boolean(),
  voting: Type.Boolean(),
})

/** A template as the API serves it (the shape of shared/templates TemplateDefinition). */
export const TemplateBody = Type.Object({
  id: Type.String(),
  name: Localized,
  description: Localized,
  zones: Type.Array(TemplateZoneBody),
  phases: Type.Array(TemplatePhaseBody),
  votesPerPerson: Type.Integer(),
})
export type TemplateBody = Static<typeof TemplateBody>

export const TemplateList = Type.Object({ items: Type.Array(TemplateBody) })
export type TemplateList = Static<typeof TemplateList>
