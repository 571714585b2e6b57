/**
 * The innovation hub's pipeline, exactly as docs/architecture.md draws it. The server enforces this
 * table; the client reads it to offer only the moves that exist.
 *
 *   new → screening → evaluating → experimenting → adopted
 *                     evaluating → adopted                      (no experiment needed)
 *                                  experimenting → stopped | evaluating   (iterate)
 *   new | screening | evaluating → parked → screening
 *   new | screening | evaluating → rejected
 *   any open status → merged   (mergedInto another idea; nothing is deleted)
 */

export const IDEA_STATUSES = [
  'new',
  'screening',
  'evaluating',
  'experimenting',
  'adopted',
  'stopped',
  'parked',
  'rejected',
  'merged',
] as const
export type IdeaStatus = (typeof IDEA_STATUSES)[number]

export function isIdeaStatus(value: unknown): value is IdeaStatus {
  return typeof value === 'string' && (IDEA_STATUSES as readonly string[]).includes(value)
}

/** A status read back from storage; an unknown value (written by a newer version) reads as new. */
export function storedIdeaStatus(value: string): IdeaStatus {
  return isIdeaStatus(value) ? value : 'new'
}

/**
 * Statuses an idea can still leave. `parked` is open: it waits to go back to screening.
 * adopted, stopped, rejected and merged are decisions and end the pipeline.
 */
export const OPEN_STATUSES: readonly IdeaStatus[] = ['new', 'screening', 'evaluating', 'experimenting', 'parked']

export function isOpenStatus(status: IdeaStatus): boolean {
  return OPEN_STATUSES.includes(status)
}

/** Every legal move, from → to: the drawn arrows plus "any open status → merged". */
export const STATUS_MOVES: Readonly<Record<IdeaStatus, readonly IdeaStatus[]>> = {
  new: ['screening', 'parked', 'rejected', 'merged'],
  screening: ['evaluating', 'parked', 'rejected', 'merged'],
  evaluating: ['experimenting', 'adopted', 'parked', 'rejected', 'merged'],
  experimenting: ['adopted', 'stopped', 'evaluating', 'merged'],
  parked: ['screening', 'merged'],
  adopted: [],
  stopped: [],
  rejected: [],
  merged: [],
}

export function canMove(from: IdeaStatus, to: IdeaStatus): boolean {
  return STATUS_MOVES[from].includes(to)
}

/** Statuses that can only be entered with a comment saying why (400 without one). */
export const COMMENT_REQUIRED: readonly IdeaStatus[] = ['parked', 'rejected', 'stopped', 'merged']

export function needsComment(to: IdeaStatus): boolean {
  return COMMENT_REQUIRED.includes(to)
}

/** The experiment record may be edited while the idea is in one of these statuses. */
export const EXPERIMENT_STATUSES: readonly IdeaStatus[] = ['evaluating', 'experimenting']

/**
 * Whether a change may edit the experiment record: the idea is evaluating or experimenting
 * before the change or after it. So the record can be written in the same change that starts
 * the experiment, and its result in the change that ends it in a decision.
 */
export function canEditExperiment(current: IdeaStatus, next: IdeaStatus): boolean {
  return EXPERIMENT_STATUSES.includes(current) || EXPERIMENT_STATUSES.includes(next)
}
