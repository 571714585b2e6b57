import type { Experiment, HistoryActor } from '@shared/api/ideas.ts'
import type { IdeaStatus } from '@shared/ideas/workflow.ts'
import { EMPTY_EXPERIMENT } from '@shared/api/ideas.ts'
import { newId } from '@shared/ids.ts'
import type { IdeaStore, StoredIdeaWithHistory } from '../../server/storage/types.ts'

/**
 * A registry history written at chosen moments, through the store the routes use: each step
 * is what a promotion or a hub's PATCH stores, dated as the script says. For the digest's
 * tests and bench:digest.
 */

const HUB: HistoryActor = { role: 'hub' }

export const at = (day: string, hour = 10) => Date.parse(`${day}T${String(hour).padStart(2, '0')}:00:00Z`)

export interface ScriptedBoard {
  id: string
  title: string
  method: string
}

export async function scriptPromote(
  ideas: IdeaStore,
  board: ScriptedBoard,
  title: string,
  when: number,
  description = '',
): Promise<StoredIdeaWithHistory> {
  const noteId = newId(12)
  const outcome = await ideas.promote({
    id: newId(16),
    title,
    description,
    votes: 3,
    createdAt: when,
    by: { role: 'facilitator', boardId: board.id, boardTitle: board.title },
    comment: null,
    source: {
      boardId: board.id,
      boardTitle: board.title,
      method: board.method,
      noteIds: [noteId],
      zones: [],
      notes: [{ id: noteId, text: title, zone: null, votes: 3, authorName: 'Aino', createdAt: when }],
      promotedAt: when,
    },
  })
  if (outcome.kind !== 'created') throw new Error(`promotion was ${outcome.kind}`)
  return outcome.idea
}

export interface ScriptedMove {
  status: IdeaStatus
  comment?: string
  experiment?: Partial<Experiment>
  mergedInto?: string
}

/** A status move (with its experiment fields and merge target) stored at `when`. */
export async function scriptMove(
  ideas: IdeaStore,
  id: string,
  when: number,
  move: ScriptedMove,
): Promise<StoredIdeaWithHistory> {
  const idea = await ideas.get(id)
  if (!idea) throw new Error(`no idea ${id}`)
  const comment = move.comment ?? null
  const history: StoredIdeaWithHistory['history'] = [
    { at: when, by: HUB, field: 'status', from: idea.status, to: move.status, comment },
  ]
  const experiment = move.experiment ? { ...(idea.experiment ?? EMPTY_EXPERIMENT), ...move.experiment } : undefined
  if (move.mergedInto)
    history.push({ at: when, by: HUB, field: 'mergedInto', from: null, to: move.mergedInto, comment: null })
  return ideas.update({
    id: idea.id,
    expectedVersion: idea.version,
    at: when,
    set: {
      status: move.status,
      ...(experiment ? { experiment } : {}),
      ...(move.mergedInto ? { mergedInto: move.mergedInto } : {}),
    },
    history,
    ...(move.mergedInto
      ? {
          mergeTarget: {
            id: move.mergedInto,
            entry: { at: when, by: HUB, field: 'mergedFrom', from: null, to: idea.id, comment },
          },
        }
      : {}),
  })
}
