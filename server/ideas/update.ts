import type { HistoryActor, IdeaPatchBody } from '@shared/api/ideas.ts'
import { httpErrors } from '../errors.ts'
import { MergeTargetError, StaleIdeaError } from '../storage/errors.ts'
import type { IdeaStore, StoredIdeaWithHistory } from '../storage/types.ts'
import { planChange } from './plan-change.ts'

const ATTEMPTS = 5

export interface UpdateResult {
  idea: StoredIdeaWithHistory
  /** The status before, when this request changed it. */
  statusChangedFrom: string | null
  /** false when the request changed nothing (the same values again). */
  changed: boolean
}

/**
 * Applies a hub's PATCH: read, plan, store under a version check; when another change was
 * stored in between, plan again on the new state (so its rules are judged on what is there).
 */
export async function updateIdea(
  ideas: IdeaStore,
  idOrRef: string,
  body: IdeaPatchBody,
  by: HistoryActor,
): Promise<UpdateResult> {
  for (let attempt = 1; ; attempt++) {
    const idea = await ideas.get(idOrRef)
    if (!idea) throw httpErrors.notFound(`No idea ${idOrRef}.`)
    const mergeTarget = body.mergedInto !== undefined ? await ideas.get(body.mergedInto) : null
    const plan = planChange({ idea, body, by, at: Date.now(), mergeTarget })
    if (!plan) return { idea, statusChangedFrom: null, changed: false }
    try {
      const updated = await ideas.update(plan)
      return { idea: updated, statusChangedFrom: plan.set.status !== undefined ? idea.status : null, changed: true }
    } catch (error) {
      if (error instanceof StaleIdeaError && attempt < ATTEMPTS) continue
      if (error instanceof StaleIdeaError)
        throw httpErrors.conflict(`${idea.ref} is being changed by someone else; try again.`)
      if (error instanceof MergeTargetError && attempt < ATTEMPTS) continue // re-plan: the target changed
      throw error
    }
  }
}
