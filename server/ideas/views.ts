import type { LifecycleStore } from '../storage/lifecycle-types.ts'
import type { IdeaDetail, IdeaLink, IdeaSummary } from '@shared/api/ideas.ts'
import { truncate } from '@shared/ideas/text.ts'
import type { IdeaStore, StoredIdea, StoredIdeaWithHistory } from '../storage/types.ts'

/** How stored ideas are shown by the API. */

const EXCERPT_CHARS = 280

export function toSummary(idea: StoredIdea): IdeaSummary {
  return {
    id: idea.id,
    ref: idea.ref,
    title: idea.title,
    excerpt: truncate(idea.description.replace(/\s+/g, ' ').trim(), EXCERPT_CHARS),
    status: idea.status,
    department: idea.department,
    tags: idea.tags,
    votes: idea.votes,
    noteCount: idea.source.noteIds.length + idea.links.reduce((sum, link) => sum + link.noteIds.length, 0),
    source: { boardId: idea.source.boardId, boardTitle: idea.source.boardTitle, method: idea.source.method },
    hasExperiment: idea.experiment !== null,
    mergedInto: idea.mergedInto,
    createdAt: idea.createdAt,
    updatedAt: idea.updatedAt,
  }
}

export function toLink(idea: StoredIdea): IdeaLink {
  return { id: idea.id, ref: idea.ref, title: idea.title, status: idea.status }
}

/** The idea without storage internals, with its merge pointers resolved. */
export async function toDetail(
  store: IdeaStore,
  idea: StoredIdeaWithHistory,
  lifecycle?: LifecycleStore,
): Promise<IdeaDetail> {
  const boardIds = [idea.source.boardId, ...idea.links.map((link) => link.boardId)]
  const [target, mergedFrom, deleted] = await Promise.all([
    idea.mergedInto ? store.getMany([idea.mergedInto]).then((found) => found[0] ?? null) : Promise.resolve(null),
    store.mergedInto(idea.id),
    lifecycle ? lifecycle.deletedAt(boardIds) : Promise.resolve(new Map<string, number>()),
  ])
  const { version: _version, ...visible } = idea
  return {
    ...visible,
    related: { mergedInto: target ? toLink(target) : null, mergedFrom: mergedFrom.map(toLink) },
    // Only when a board of its provenance was deleted: the idea page says so.
    ...(deleted.size > 0 ? { deletedBoards: Object.fromEntries(deleted) } : {}),
  }
}
