import { Type, type Static } from '@sinclair/typebox'

export const HealthBody = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
  checks: Type.Optional(Type.Record(Type.String(), Type.Boolean())),
})
export type HealthBody = Static<typeof HealthBody>
