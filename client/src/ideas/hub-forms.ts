import {
  EMPTY_EXPERIMENT,
  type Experiment,
  type ExperimentPatch,
  type IdeaDetail,
  type IdeaPatchBody,
} from '@shared/api/ideas.ts'
import { IDEA_TAGS_MAX, IDEA_TAG_MAX_CHARS } from '@shared/ideas/limits.ts'
import { normalizeTags } from '@shared/ideas/text.ts'
import {
  EXPERIMENT_STATUSES,
  STATUS_MOVES,
  isOpenStatus,
  needsComment,
  type IdeaStatus,
} from '@shared/ideas/workflow.ts'

/**
 * The hub's forms as pure logic: which moves to offer (the workflow table in shared/ideas),
 * and the smallest PATCH body a form's values make. The server checks all of it again.
 */

export interface StatusMoveOption {
  to: IdeaStatus
  /** The workflow asks why (parked, rejected, stopped). */
  needsComment: boolean
}

/** The moves the workflow draws from a status; merging has its own form (it needs a target). */
export function statusMoveOptions(status: IdeaStatus): StatusMoveOption[] {
  return STATUS_MOVES[status].filter((to) => to !== 'merged').map((to) => ({ to, needsComment: needsComment(to) }))
}

export function canMerge(status: IdeaStatus): boolean {
  return isOpenStatus(status)
}

/** The experiment record is edited while the idea is evaluating or experimenting. */
export function canEditExperimentNow(status: IdeaStatus): boolean {
  return EXPERIMENT_STATUSES.includes(status)
}

export type FormProblem =
  | 'titleRequired'
  | 'commentRequired'
  | 'tooManyTags'
  | 'tagTooLong'
  | 'datesOrder'
  | 'mergeTargetRequired'
  | 'nothingChanged'

export type PatchOrProblem = { body: IdeaPatchBody } | { problem: FormProblem }

export function statusMoveBody(move: StatusMoveOption | undefined, comment: string): PatchOrProblem {
  if (!move) return { problem: 'nothingChanged' }
  const why = comment.trim()
  if (move.needsComment && !why) return { problem: 'commentRequired' }
  return { body: { status: move.to, ...(why ? { comment: why } : {}) } }
}

/** Whitespace runs to one space, trimmed: how the server stores titles and departments. */
function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/** "Liikenne, kaupunkipyörät,  " → ["liikenne", "kaupunkipyörät"] (the form the server keeps). */
export function parseTags(text: string): string[] {
  return normalizeTags(text.split(','))
}

export interface IdeaFieldsForm {
  title: string
  description: string
  department: string
  /** Comma-separated. */
  tags: string
}

export function fieldsFormOf(idea: Pick<IdeaDetail, 'title' | 'description' | 'department' | 'tags'>): IdeaFieldsForm {
  return {
    title: idea.title,
    description: idea.description,
    department: idea.department ?? '',
    tags: idea.tags.join(', '),
  }
}

/** Only the fields that changed; a comment, when given, is sent with them. */
export function fieldsBody(
  idea: Pick<IdeaDetail, 'title' | 'description' | 'department' | 'tags'>,
  form: IdeaFieldsForm,
  comment = '',
): PatchOrProblem {
  const title = collapse(form.title)
  if (!title) return { problem: 'titleRequired' }
  const tags = parseTags(form.tags)
  if (tags.length > IDEA_TAGS_MAX) return { problem: 'tooManyTags' }
  if (tags.some((tag) => [...tag].length > IDEA_TAG_MAX_CHARS)) return { problem: 'tagTooLong' }
  const body: IdeaPatchBody = {}
  if (title !== idea.title) body.title = title
  const description = form.description.trim()
  if (description !== idea.description) body.description = description
  const department = collapse(form.department) || null
  if (department !== idea.department) body.department = department
  if (tags.join('\n') !== idea.tags.join('\n')) body.tags = tags
  if (Object.keys(body).length === 0) return { problem: 'nothingChanged' }
  const why = comment.trim()
  if (why) body.comment = why
  return { body }
}

export interface ExperimentForm {
  hypothesis: string
  metric: string
  owner: string
  /** YYYY-MM-DD or '' for none. */
  startsOn: string
  endsOn: string
  result: string
  decision: string
}

export function experimentFormOf(experiment: Experiment | null): ExperimentForm {
  const current = experiment ?? EMPTY_EXPERIMENT
  return { ...current, startsOn: current.startsOn ?? '', endsOn: current.endsOn ?? '' }
}

/** The experiment fields that changed (a cleared date is null). */
export function experimentBody(current: Experiment | null, form: ExperimentForm, comment = ''): PatchOrProblem {
  const before = current ?? EMPTY_EXPERIMENT
  const startsOn = form.startsOn || null
  const endsOn = form.endsOn || null
  if (startsOn && endsOn && endsOn < startsOn) return { problem: 'datesOrder' }
  const patch: ExperimentPatch = {}
  for (const field of ['hypothesis', 'metric', 'owner', 'result', 'decision'] as const) {
    if (form[field] !== before[field]) patch[field] = form[field]
  }
  if (startsOn !== before.startsOn) patch.startsOn = startsOn
  if (endsOn !== before.endsOn) patch.endsOn = endsOn
  if (Object.keys(patch).length === 0) return { problem: 'nothingChanged' }
  const why = comment.trim()
  return { body: { experiment: patch, ...(why ? { comment: why } : {}) } }
}

export function mergeBody(target: string, comment: string): PatchOrProblem {
  const into = target.trim()
  if (!into) return { problem: 'mergeTargetRequired' }
  const why = comment.trim()
  if (!why) return { problem: 'commentRequired' }
  return { body: { status: 'merged', mergedInto: into, comment: why } }
}
