/**
 * Constant lists of the idea model that the API schemas (shared/api/ideas.ts) are built
 * from, kept apart from TypeBox so that the web client can read them without bundling it.
 */

/** The experiment record's fields, in reading order. */
export const EXPERIMENT_FIELDS = ['hypothesis', 'metric', 'owner', 'startsOn', 'endsOn', 'result', 'decision'] as const
export type ExperimentField = (typeof EXPERIMENT_FIELDS)[number]

/** The registry list's orders: newest, most votes, recently changed, best match (with a search). */
export const IDEA_SORTS = ['newest', 'votes', 'changed', 'relevance'] as const
export type IdeaSort = (typeof IDEA_SORTS)[number]
