import { Type, type Static } from '@sinclair/typebox'
import { IdeaStatus, IdeaLink } from './ideas.ts'

/**
 * The network meeting's digest (GET /api/digest): what happened in the registry and on the
 * boards between two days. Days are UTC calendar days; `until` is included.
 */

/** A calendar date, YYYY-MM-DD. */
export const DigestDate = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', maxLength: 10 })

/** The digest's languages; Swedish texts fall back to English where no Swedish exists yet. */
export const DIGEST_LANGS = ['fi', 'en', 'sv'] as const
export type DigestLang = (typeof DIGEST_LANGS)[number]
export const DigestLang = Type.Union(DIGEST_LANGS.map((lang) => Type.Literal(lang)))

export const DIGEST_FORMATS = ['json', 'md', 'html'] as const
export type DigestFormat = (typeof DIGEST_FORMATS)[number]

export const DigestQuery = Type.Object(
  {
    /** First day (UTC) included; default: the day the previous digest was held, else 30 days back. */
    since: Type.Optional(DigestDate),
    /** Last day included; default today (UTC). */
    until: Type.Optional(DigestDate),
    /** Language of md and html (and of nothing in json but `lang`); default from Accept-Language. */
    lang: Type.Optional(DigestLang),
    format: Type.Optional(Type.Union(DIGEST_FORMATS.map((format) => Type.Literal(format)))),
  },
  { additionalProperties: false },
)
export type DigestQuery = Static<typeof DigestQuery>

/** One step of an idea's status timeline: when it entered a status, and the hub's comment. */
export const DigestStep = Type.Object({
  at: Type.Number(),
  status: IdeaStatus,
  comment: Type.Union([Type.String(), Type.Null()]),
})
export type DigestStep = Static<typeof DigestStep>

export const DigestExperiment = Type.Object({
  hypothesis: Type.String(),
  metric: Type.String(),
  owner: Type.String(),
  startsOn: Type.Union([Type.String(), Type.Null()]),
  endsOn: Type.Union([Type.String(), Type.Null()]),
  result: Type.String(),
  decision: Type.String(),
})

/** An idea the digest mentions, once, with its whole status timeline (the slides show it). */
export const DigestIdea = Type.Object({
  id: Type.String(),
  ref: Type.String(),
  title: Type.String(),
  description: Type.String(),
  /** Its status now (it may have moved after the period). */
  status: IdeaStatus,
  department: Type.Union([Type.String(), Type.Null()]),
  tags: Type.Array(Type.String()),
  votes: Type.Integer(),
  createdAt: Type.Number(),
  board: Type.Object({ id: Type.String(), title: Type.String(), method: Type.String() }),
  experiment: Type.Union([DigestExperiment, Type.Null()]),
  mergedInto: Type.Union([IdeaLink, Type.Null()]),
  timeline: Type.Array(DigestStep),
})
export type DigestIdea = Static<typeof DigestIdea>

export const DigestStatusChange = Type.Object({
  ideaId: Type.String(),
  at: Type.Number(),
  from: IdeaStatus,
  to: IdeaStatus,
  comment: Type.Union([Type.String(), Type.Null()]),
})
export type DigestStatusChange = Static<typeof DigestStatusChange>

export const DECISION_STATUSES = ['adopted', 'stopped', 'rejected', 'merged'] as const
export type DecisionStatus = (typeof DECISION_STATUSES)[number]

export const DigestDecision = Type.Object({
  ideaId: Type.String(),
  at: Type.Number(),
  status: Type.Union(DECISION_STATUSES.map((status) => Type.Literal(status))),
  comment: Type.Union([Type.String(), Type.Null()]),
})
export type DigestDecision = Static<typeof DigestDecision>

/** A board with activity in the period: a workshop held. */
export const DigestWorkshop = Type.Object({
  boardId: Type.String(),
  title: Type.String(),
  /** The board's template id (disney, brainstorm, …). */
  method: Type.String(),
  /** Notes written in the period (those still on the board). */
  notes: Type.Integer(),
  /** People who wrote or voted on those notes (participant ids, counted once). */
  participants: Type.Integer(),
  /** Ideas promoted from the board in the period, and ideas its notes were linked to. */
  ideasPromoted: Type.Array(Type.String()),
  /** The first and last note written in the period (ms). */
  firstAt: Type.Union([Type.Number(), Type.Null()]),
  lastAt: Type.Union([Type.Number(), Type.Null()]),
})
export type DigestWorkshop = Static<typeof DigestWorkshop>

export const Digest = Type.Object({
  since: DigestDate,
  until: DigestDate,
  /** Where `since` came from: asked for, the previous digest's day, or the 30-day default. */
  sinceFrom: Type.Union([Type.Literal('query'), Type.Literal('previous'), Type.Literal('default')]),
  /** The day the previous digest was held, when one was recorded. */
  previous: Type.Union([DigestDate, Type.Null()]),
  lang: DigestLang,
  generatedAt: Type.Number(),
  /** Every idea the sections name, by id. */
  ideas: Type.Array(DigestIdea),
  /** Ideas promoted in the period (ids), oldest first. */
  newIdeas: Type.Array(Type.String()),
  statusChanges: Type.Array(DigestStatusChange),
  experiments: Type.Object({
    /** Moved into experimenting in the period. */
    started: Type.Array(Type.String()),
    /** Experimenting through the end of the period, started before it. */
    running: Type.Array(Type.String()),
    /** Left experimenting in the period (their result is in the idea's experiment). */
    ended: Type.Array(Type.String()),
  }),
  decisions: Type.Array(DigestDecision),
  workshops: Type.Array(DigestWorkshop),
})
export type Digest = Static<typeof Digest>

export const DigestHeldBody = Type.Object(
  {
    /** The day the digest was held; default today (UTC). The next digest starts from it. */
    on: Type.Optional(DigestDate),
  },
  { additionalProperties: false },
)
export type DigestHeldBody = Static<typeof DigestHeldBody>

export const DigestHeld = Type.Object({ heldOn: DigestDate, recordedAt: Type.Number() })
export type DigestHeld = Static<typeof DigestHeld>
