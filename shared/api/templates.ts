import { Type, type Static } from '@sinclair/typebox'
import { BOARD_ID_PATTERN } from '../ids.ts'
import { TEMPLATE_LIMITS as L } from '../templates/types.ts'

const localized = (maxLength: number) =>
  Type.Object(
    { fi: Type.String({ maxLength }), en: Type.String({ maxLength }), sv: Type.String({ maxLength }) },
    { additionalProperties: false },
  )

const Coordinate = Type.Number({ minimum: -L.maxCoordinate, maximum: L.maxCoordinate })
const Size = Type.Number({ exclusiveMinimum: 0, maximum: L.maxZoneSize })
const Key = Type.String({ pattern: L.keyPattern, maxLength: 64 })

export const TemplateId = Type.String({ pattern: L.idPattern, maxLength: 64 })

export const TemplateZoneBody = Type.Object(
  {
    key: Key,
    kind: Type.String({ minLength: 1, maxLength: L.kindMaxChars }),
    title: localized(L.zoneTitleMaxChars),
    prompt: localized(L.promptMaxChars),
    x: Coordinate,
    y: Coordinate,
    width: Size,
    height: Size,
    color: Type.String({ pattern: L.colorPattern, maxLength: 7 }),
  },
  { additionalProperties: false },
)

export const OpenZonesBody = Type.Union([Type.Literal('all'), Type.Array(Key, { maxItems: L.maxZones })])

export const TemplatePhaseBody = Type.Object(
  {
    id: Key,
    title: localized(L.zoneTitleMaxChars),
    prompt: localized(L.promptMaxChars),
    minutes: Type.Integer({ minimum: 0, maximum: L.maxMinutes }),
    openZones: OpenZonesBody,
    silent: Type.Boolean(),
    voting: Type.Boolean(),
    loopTo: Type.Optional(Key),
  },
  { additionalProperties: false },
)

/** A template as the API serves it: the TemplateDefinition plus where it comes from. */
export const TemplateBody = Type.Object({
  id: TemplateId,
  name: localized(L.nameMaxChars),
  description: localized(L.descriptionMaxChars),
  zones: Type.Array(TemplateZoneBody, { maxItems: L.maxZones }),
  phases: Type.Array(TemplatePhaseBody, { minItems: 1, maxItems: L.maxPhases }),
  votesPerPerson: Type.Integer({ minimum: 1, maximum: L.maxVotesPerPerson }),
  /** true for the templates that ship with Kokeileva; false for facilitators' own. */
  builtIn: Type.Boolean(),
  /** When a custom template was saved (ms); null for built-in ones. */
  createdAt: Type.Union([Type.Number(), Type.Null()]),
})
export type TemplateBody = Static<typeof TemplateBody>

export const TemplateList = Type.Object({ items: Type.Array(TemplateBody) })
export type TemplateList = Static<typeof TemplateList>

export const TemplateIdParams = Type.Object({ id: TemplateId })
export type TemplateIdParams = Static<typeof TemplateIdParams>

/** A name or description given in one or more languages; a missing one copies a given one. */
const partlyLocalized = (maxLength: number) =>
  Type.Object(
    {
      fi: Type.Optional(Type.String({ maxLength })),
      en: Type.Optional(Type.String({ maxLength })),
      sv: Type.Optional(Type.String({ maxLength })),
    },
    { additionalProperties: false, minProperties: 1 },
  )

/**
 * POST /api/templates with `Authorization: Bearer <facilitator token of boardId>`: saves that
 * board's zones, phase plan and votes per person as a custom template.
 */
export const SaveTemplateBody = Type.Object(
  {
    boardId: Type.String({ pattern: BOARD_ID_PATTERN, maxLength: 64 }),
    name: partlyLocalized(L.nameMaxChars),
    description: Type.Optional(partlyLocalized(L.descriptionMaxChars)),
  },
  { additionalProperties: false },
)
export type SaveTemplateBody = Static<typeof SaveTemplateBody>

/** A template definition as stored for a custom template (TemplateBody without its origin). */
export const TemplateDefinitionBody = Type.Omit(TemplateBody, ['builtIn', 'createdAt'])
export type TemplateDefinitionBody = Static<typeof TemplateDefinitionBody>
