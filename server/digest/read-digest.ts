import type { Digest, DigestLang } from '@shared/api/digest.ts'
import type { Idea, IdeaLink } from '@shared/api/ideas.ts'
import { buildDigest, periodOf } from '@shared/digest/build.ts'
import { dayOf } from '@shared/digest/labels.ts'
import { httpErrors } from '../errors.ts'
import type { Storage, StoredIdeaWithHistory } from '../storage/types.ts'
import type { RoomRegistry } from '../sync/room-registry.ts'
import { boardActivities } from './board-activity.ts'

/** Without a previous digest or a `since`, a digest covers this many days up to `until`. */
export const DIGEST_DEFAULT_DAYS = 30
/** The longest period one digest may cover (a year and a bit): bounds the work of one request. */
export const DIGEST_MAX_DAYS = 400
const DAY_MS = 24 * 60 * 60 * 1000
/** Running experiments are read a page at a time. */
const PAGE = 200
/** Ideas read at once (within the PostgreSQL pool; SQLite answers one at a time anyway). */
const PARALLEL_READS = 4

export interface DigestRequest {
  since?: string | undefined
  until?: string | undefined
  lang: DigestLang
  now: number
}

function validDay(value: string, name: string): string {
  const ms = Date.parse(`${value}T00:00:00Z`)
  if (Number.isNaN(ms) || dayOf(ms) !== value)
    throw httpErrors.badRequest(`querystring/${name} is not a real day: ${value}`)
  return value
}

function withoutVersion({ version: _version, ...idea }: StoredIdeaWithHistory): Idea {
  return idea
}

/**
 * Reads what the period needs and builds the digest: ideas changed since its start (with
 * their history), experiments still running that have not changed since, the boards that
 * may have held workshops, and the previous digest's day (the default start).
 */
export async function readDigest(storage: Storage, rooms: RoomRegistry, request: DigestRequest): Promise<Digest> {
  const until = validDay(request.until ?? dayOf(request.now), 'until')
  const previous = (await storage.digests.lastHeld())?.heldOn ?? null
  let since: string
  let sinceFrom: Digest['sinceFrom']
  if (request.since !== undefined) {
    since = validDay(request.since, 'since')
    sinceFrom = 'query'
  } else if (previous !== null && previous <= until) {
    since = previous
    sinceFrom = 'previous'
  } else {
    since = dayOf(Date.parse(`${until}T00:00:00Z`) - (DIGEST_DEFAULT_DAYS - 1) * DAY_MS)
    sinceFrom = 'default'
  }
  if (since > until) throw httpErrors.badRequest(`querystring/since (${since}) is after until (${until})`)
  const { from, to } = periodOf(since, until)
  if ((to - from) / DAY_MS > DIGEST_MAX_DAYS)
    throw httpErrors.badRequest(`A digest covers at most ${DIGEST_MAX_DAYS} days; ask for a shorter period.`)

  const changed = await storage.ideas.exportAll({ changedSince: from })
  const ideas = new Map(changed.filter((idea) => idea.createdAt < to).map((idea) => [idea.id, idea]))
  // An experiment running through the whole period has no change in it: found by its status.
  for (let offset = 0; ; offset += PAGE) {
    const page = await storage.ideas.list({ statuses: ['experimenting'], sort: 'newest', limit: PAGE, offset })
    const wanted = page.items.filter((idea) => !ideas.has(idea.id) && idea.createdAt < to).map((idea) => idea.id)
    // Their histories (for the slides' timelines), a few at a time: PostgreSQL answers them in parallel.
    for (let start = 0; start < wanted.length; start += PARALLEL_READS) {
      const found = await Promise.all(wanted.slice(start, start + PARALLEL_READS).map((id) => storage.ideas.get(id)))
      for (const full of found) if (full) ideas.set(full.id, full)
    }
    if (offset + PAGE >= page.total) break
  }
  const targetIds = [...ideas.values()].map((idea) => idea.mergedInto).filter((id): id is string => id !== null)
  const mergeTargets = new Map<string, IdeaLink>()
  for (const target of await storage.ideas.getMany([...new Set(targetIds)]))
    mergeTargets.set(target.id, { id: target.id, ref: target.ref, title: target.title, status: target.status })

  const boards = await boardActivities(
    storage.boards,
    rooms,
    await storage.digests.boardsActiveSince(from, to),
    from,
    to,
  )
  return buildDigest({
    since,
    until,
    sinceFrom,
    previous,
    lang: request.lang,
    generatedAt: request.now,
    ideas: [...ideas.values()].map(withoutVersion),
    mergeTargets,
    boards,
  })
}
