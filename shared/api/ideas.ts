import { Type, type Static } from '@sinclair/typebox'
import { IDEA_STATUSES } from '../ideas/workflow.ts'
import { IDEA_REF_PATTERN } from '../ideas/ref.ts'
import { EXPERIMENT_FIELDS, IDEA_SORTS, type ExperimentField, type IdeaSort } from '../ideas/fields.ts'
import {
  EXPERIMENT_TEXT_MAX_CHARS,
  IDEA_COMMENT_MAX_CHARS,
  IDEA_DEPARTMENT_MAX_CHARS,
  IDEA_DESCRIPTION_MAX_CHARS,
  IDEA_PAGE_MAX,
  IDEA_TAG_MAX_CHARS,
  IDEA_TAGS_MAX,
  IDEA_TITLE_MAX_CHARS,
  NOTE_ID_MAX_CHARS,
  PROMOTE_NOTES_MAX,
  SEARCH_TEXT_MAX_CHARS,
} from '../ideas/limits.ts'

/** The HTTP API of the idea registry (docs/architecture.md, "Ideas"); the only definition of its shapes. */

export const IdeaStatus = Type.Union(IDEA_STATUSES.map((status) => Type.Literal(status)))

/** An idea is addressed by its id or by its ref (KT-2026-0042). */
export const IdeaIdParams = Type.Object({
  id: Type.String({ pattern: `^([A-Za-z0-9_-]{6,64}|${IDEA_REF_PATTERN.slice(1, -1)})$`, maxLength: 64 }),
})
export type IdeaIdParams = Static<typeof IdeaIdParams>

const NullableString = (maxLength: number) => Type.Union([Type.String({ maxLength }), Type.Null()])
/** A calendar date, YYYY-MM-DD. */
const DateString = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', maxLength: 10 })

// ---- the idea --------------------------------------------------------------------------------

export const SourceZone = Type.Object({
  id: Type.String(),
  title: Type.String(),
  kind: Type.String(),
})
export type SourceZone = Static<typeof SourceZone>

/** A note as it was when it was promoted. */
export const SourceNote = Type.Object({
  id: Type.String(),
  text: Type.String(),
  /** The id of its zone (one of source.zones), or null. */
  zone: Type.Union([Type.String(), Type.Null()]),
  /** Session dots on the note at that moment. */
  votes: Type.Integer(),
  authorName: Type.String(),
  createdAt: Type.Number(),
})
export type SourceNote = Static<typeof SourceNote>

/** Frozen provenance: the board and the notes at the moment of promotion. */
export const IdeaSource = Type.Object({
  boardId: Type.String(),
  boardTitle: Type.String(),
  /** The board's template id, e.g. "disney". */
  method: Type.String(),
  noteIds: Type.Array(Type.String()),
  /** The zones the promoted notes were in, in board order. */
  zones: Type.Array(SourceZone),
  notes: Type.Array(SourceNote),
  promotedAt: Type.Number(),
})
export type IdeaSource = Static<typeof IdeaSource>

export const Experiment = Type.Object({
  hypothesis: Type.String(),
  metric: Type.String(),
  owner: Type.String(),
  startsOn: Type.Union([DateString, Type.Null()]),
  endsOn: Type.Union([DateString, Type.Null()]),
  result: Type.String(),
  decision: Type.String(),
})
export type Experiment = Static<typeof Experiment>

/** An experiment record with nothing filled in: what an idea's first experiment edit starts from. */
export const EMPTY_EXPERIMENT: Experiment = {
  hypothesis: '',
  metric: '',
  owner: '',
  startsOn: null,
  endsOn: null,
  result: '',
  decision: '',
}
export { EXPERIMENT_FIELDS, type ExperimentField }

/** Who made a change: the innovation hub, or the facilitator of a board (promotion). */
export const HistoryActor = Type.Union([
  Type.Object({ role: Type.Literal('hub') }),
  Type.Object({ role: Type.Literal('facilitator'), boardId: Type.String(), boardTitle: Type.String() }),
])
export type HistoryActor = Static<typeof HistoryActor>

/**
 * What a history entry records. `created` is the promotion, `comment` a remark without a
 * change, `mergedFrom` is written on the idea another one was merged into, and
 * `experiment.<field>` one field of the experiment record.
 */
export const HISTORY_FIELDS = [
  'created',
  'status',
  'title',
  'description',
  'department',
  'tags',
  ...EXPERIMENT_FIELDS.map((field) => `experiment.${field}` as const),
  'mergedInto',
  'mergedFrom',
  'linked',
  'comment',
] as const
export type HistoryField = (typeof HISTORY_FIELDS)[number]

export const HistoryValue = Type.Union([Type.String(), Type.Array(Type.String()), Type.Null()])
export type HistoryValue = Static<typeof HistoryValue>

/**
 * One change. A status change has the statuses in from/to; a field change the old and new
 * value (tags as arrays, mergedInto/mergedFrom as idea ids; `linked` has the linked note ids
 * in `to`, and `by` names the board they are on). Entries of one request share
 * `at`; the request's comment is on its first entry (the status change when there is one).
 */
export const HistoryEntry = Type.Object({
  at: Type.Number(),
  by: HistoryActor,
  field: Type.Union(HISTORY_FIELDS.map((field) => Type.Literal(field))),
  from: HistoryValue,
  to: HistoryValue,
  comment: Type.Union([Type.String(), Type.Null()]),
})
export type HistoryEntry = Static<typeof HistoryEntry>

/** Another idea, in brief (merge pointers). */
export const IdeaLink = Type.Object({
  id: Type.String(),
  ref: Type.String(),
  title: Type.String(),
  status: IdeaStatus,
})
export type IdeaLink = Static<typeof IdeaLink>

export const Idea = Type.Object({
  id: Type.String(),
  ref: Type.String(),
  title: Type.String(),
  description: Type.String(),
  status: IdeaStatus,
  department: Type.Union([Type.String(), Type.Null()]),
  tags: Type.Array(Type.String()),
  /** Session dots of its notes (promoted and linked), frozen when they joined (provenance). */
  votes: Type.Integer(),
  source: IdeaSource,
  /** Notes of later sessions linked to this idea instead of promoted anew, oldest first. */
  links: Type.Array(IdeaSource),
  experiment: Type.Union([Experiment, Type.Null()]),
  /** The id of the idea this one was merged into. */
  mergedInto: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.Number(),
  updatedAt: Type.Number(),
  history: Type.Array(HistoryEntry),
})
export type Idea = Static<typeof Idea>

/** One idea as GET/PATCH/promote answer it: the idea, its history and its merge pointers. */
export const IdeaDetail = Type.Composite([
  Idea,
  Type.Object({
    related: Type.Object({
      mergedInto: Type.Union([IdeaLink, Type.Null()]),
      mergedFrom: Type.Array(IdeaLink),
    }),
    /** Boards of its provenance (source or links) that were deleted, with when (ms); left out when none. */
    deletedBoards: Type.Optional(Type.Record(Type.String(), Type.Number())),
  }),
])
export type IdeaDetail = Static<typeof IdeaDetail>

/** A list row: everything but the history, the frozen notes and the full description. */
export const IdeaSummary = Type.Object({
  id: Type.String(),
  ref: Type.String(),
  title: Type.String(),
  /** The description's first 280 characters. */
  excerpt: Type.String(),
  status: IdeaStatus,
  department: Type.Union([Type.String(), Type.Null()]),
  tags: Type.Array(Type.String()),
  votes: Type.Integer(),
  /** Notes promoted and linked. */
  noteCount: Type.Integer(),
  source: Type.Object({ boardId: Type.String(), boardTitle: Type.String(), method: Type.String() }),
  hasExperiment: Type.Boolean(),
  mergedInto: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.Number(),
  updatedAt: Type.Number(),
})
export type IdeaSummary = Static<typeof IdeaSummary>

// ---- listing and search ----------------------------------------------------------------------

export { IDEA_SORTS, type IdeaSort }

export const IdeaListQuery = Type.Object(
  {
    /** One status or several, comma-separated: `status=new,screening`. */
    status: Type.Optional(
      Type.String({ pattern: `^(${IDEA_STATUSES.join('|')})(,(${IDEA_STATUSES.join('|')}))*$`, maxLength: 200 }),
    ),
    /** Free-text search (see shared/ideas/search.ts). */
    q: Type.Optional(Type.String({ maxLength: 200 })),
    department: Type.Optional(Type.String({ maxLength: IDEA_DEPARTMENT_MAX_CHARS })),
    tag: Type.Optional(Type.String({ maxLength: IDEA_TAG_MAX_CHARS })),
    /** newest (default), votes, changed (recently changed first), relevance (with q). */
    sort: Type.Optional(Type.Union(IDEA_SORTS.map((sort) => Type.Literal(sort)))),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: IDEA_PAGE_MAX, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
  },
  { additionalProperties: false },
)
export type IdeaListQuery = Static<typeof IdeaListQuery>

export const IdeaList = Type.Object({
  items: Type.Array(IdeaSummary),
  /** How many ideas match, over all pages. */
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
})
export type IdeaList = Static<typeof IdeaList>

export const SimilarIdeasQuery = Type.Object(
  {
    /** The text to compare with, e.g. the selected notes' texts. */
    text: Type.String({ minLength: 1, maxLength: SEARCH_TEXT_MAX_CHARS }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20, default: 5 })),
  },
  { additionalProperties: false },
)
export type SimilarIdeasQuery = Static<typeof SimilarIdeasQuery>

/** Best match first; merged ideas are left out (their target is the one to link to). */
export const SimilarIdeas = Type.Object({ items: Type.Array(IdeaSummary) })
export type SimilarIdeas = Static<typeof SimilarIdeas>

export const FacetCount = Type.Object({ value: Type.String(), count: Type.Integer() })
/** What the registry's filters can offer: departments and tags in use, ideas per status. */
export const IdeaFacets = Type.Object({
  statuses: Type.Array(Type.Object({ value: IdeaStatus, count: Type.Integer() })),
  departments: Type.Array(FacetCount),
  tags: Type.Array(FacetCount),
})
export type IdeaFacets = Static<typeof IdeaFacets>

// ---- promotion -------------------------------------------------------------------------------

export const PromoteBody = Type.Object(
  {
    /** The notes to promote, the first one giving the default title. */
    noteIds: Type.Array(Type.String({ minLength: 1, maxLength: NOTE_ID_MAX_CHARS }), {
      minItems: 1,
      maxItems: PROMOTE_NOTES_MAX,
      uniqueItems: true,
    }),
    title: Type.Optional(Type.String({ minLength: 1, maxLength: IDEA_TITLE_MAX_CHARS })),
    description: Type.Optional(Type.String({ maxLength: IDEA_DESCRIPTION_MAX_CHARS })),
    /**
     * Instead of a new idea, link the notes to this existing idea (id or ref), e.g. one the
     * similar-ideas search found. Not together with title or description.
     */
    linkTo: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
)
export type PromoteBody = Static<typeof PromoteBody>

// ---- the hub's changes -----------------------------------------------------------------------

const ExperimentText = Type.String({ maxLength: EXPERIMENT_TEXT_MAX_CHARS })

/** Fields given are set (a date to null clears it); fields left out are kept. */
export const ExperimentPatch = Type.Object(
  {
    hypothesis: Type.Optional(ExperimentText),
    metric: Type.Optional(ExperimentText),
    owner: Type.Optional(Type.String({ maxLength: 200 })),
    startsOn: Type.Optional(Type.Union([DateString, Type.Null()])),
    endsOn: Type.Optional(Type.Union([DateString, Type.Null()])),
    result: Type.Optional(ExperimentText),
    decision: Type.Optional(ExperimentText),
  },
  { additionalProperties: false },
)
export type ExperimentPatch = Static<typeof ExperimentPatch>

export const IdeaPatchBody = Type.Object(
  {
    status: Type.Optional(IdeaStatus),
    title: Type.Optional(Type.String({ minLength: 1, maxLength: IDEA_TITLE_MAX_CHARS })),
    description: Type.Optional(Type.String({ maxLength: IDEA_DESCRIPTION_MAX_CHARS })),
    /** null clears it. */
    department: Type.Optional(NullableString(IDEA_DEPARTMENT_MAX_CHARS)),
    /** The whole tag list (replaces the old one). */
    tags: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: IDEA_TAG_MAX_CHARS }), { maxItems: IDEA_TAGS_MAX }),
    ),
    experiment: Type.Optional(ExperimentPatch),
    /** With status "merged": the id or ref of the idea this one is merged into. */
    mergedInto: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    /** Why; required when entering parked, rejected, stopped or merged. Alone it is a remark. */
    comment: Type.Optional(Type.String({ maxLength: IDEA_COMMENT_MAX_CHARS })),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type IdeaPatchBody = Static<typeof IdeaPatchBody>
