import type {
  Digest,
  DigestDecision,
  DigestIdea,
  DigestLang,
  DigestStatusChange,
  DigestStep,
  DigestWorkshop,
} from '../api/digest.ts'
import { DECISION_STATUSES, type DecisionStatus } from '../api/digest.ts'
import type { HistoryEntry, Idea, IdeaLink } from '../api/ideas.ts'
import { isIdeaStatus, type IdeaStatus } from '../ideas/workflow.ts'

/**
 * The digest as a pure function of the registry's history and the boards' activity: the
 * server reads those, this decides what the period held. Every section is computed from the
 * ideas' history entries (field `status`, with the hub's comment), so the digest of a past
 * period reads the same whenever it is asked for.
 */

/** A board's activity in the period, read from its document by the caller. */
export interface BoardActivity {
  boardId: string
  title: string
  method: string
  notes: number
  participants: number
  firstAt: number | null
  lastAt: number | null
}

export interface DigestInput {
  since: string
  until: string
  sinceFrom: Digest['sinceFrom']
  previous: string | null
  lang: DigestLang
  generatedAt: number
  /** Ideas that may have something in the period, each with its whole history (any order). */
  ideas: readonly Idea[]
  /** Ideas the period's ideas were merged into, for their pointers. */
  mergeTargets: ReadonlyMap<string, IdeaLink>
  boards: readonly BoardActivity[]
}

/** The period [from, to) in ms: from the start of `since` to the end of `until` (UTC days). */
export function periodOf(since: string, until: string): { from: number; to: number } {
  return { from: Date.parse(`${since}T00:00:00Z`), to: Date.parse(`${until}T00:00:00Z`) + 24 * 60 * 60 * 1000 }
}

interface StatusMove {
  at: number
  from: IdeaStatus
  to: IdeaStatus
  comment: string | null
}

function statusMoves(history: readonly HistoryEntry[]): StatusMove[] {
  const moves: StatusMove[] = []
  for (const entry of history) {
    if (entry.field !== 'status' || !isIdeaStatus(entry.from) || !isIdeaStatus(entry.to)) continue
    moves.push({ at: entry.at, from: entry.from, to: entry.to, comment: entry.comment })
  }
  return moves.sort((a, b) => a.at - b.at)
}

/** When the idea entered each status: its promotion, then every status move. */
export function statusTimeline(idea: Pick<Idea, 'createdAt' | 'history'>): DigestStep[] {
  const created = idea.history.find((entry) => entry.field === 'created')
  const steps: DigestStep[] = [{ at: idea.createdAt, status: 'new', comment: created?.comment ?? null }]
  for (const move of statusMoves(idea.history)) steps.push({ at: move.at, status: move.to, comment: move.comment })
  return steps
}

/** The idea's status at a moment (just before `at`), from its history; null before it existed. */
export function statusAt(idea: Pick<Idea, 'createdAt' | 'history'>, at: number): IdeaStatus | null {
  if (idea.createdAt >= at) return null
  let status: IdeaStatus = 'new'
  for (const move of statusMoves(idea.history)) {
    if (move.at >= at) break
    status = move.to
  }
  return status
}

function isDecision(status: IdeaStatus): status is DecisionStatus {
  return (DECISION_STATUSES as readonly string[]).includes(status)
}

function digestIdea(idea: Idea, mergeTargets: ReadonlyMap<string, IdeaLink>): DigestIdea {
  return {
    id: idea.id,
    ref: idea.ref,
    title: idea.title,
    description: idea.description,
    status: idea.status,
    department: idea.department,
    tags: idea.tags,
    votes: idea.votes,
    createdAt: idea.createdAt,
    board: { id: idea.source.boardId, title: idea.source.boardTitle, method: idea.source.method },
    experiment: idea.experiment,
    mergedInto: idea.mergedInto ? (mergeTargets.get(idea.mergedInto) ?? null) : null,
    timeline: statusTimeline(idea),
  }
}

export function buildDigest(input: DigestInput): Digest {
  const { from, to } = periodOf(input.since, input.until)
  const within = (at: number) => at >= from && at < to
  const mentioned = new Map<string, Idea>()
  const mention = (idea: Idea) => mentioned.set(idea.id, idea)

  const ideas = [...input.ideas].sort((a, b) => a.createdAt - b.createdAt || a.ref.localeCompare(b.ref))
  const newIdeas: string[] = []
  const statusChanges: DigestStatusChange[] = []
  const decisions: DigestDecision[] = []
  const started: string[] = []
  const running: string[] = []
  const ended: string[] = []
  /** board id → ideas promoted from it, or linked from it, in the period. */
  const promotedFrom = new Map<string, string[]>()
  const promotedOn = (boardId: string, ideaId: string) => {
    const list = promotedFrom.get(boardId) ?? []
    if (!list.includes(ideaId)) list.push(ideaId)
    promotedFrom.set(boardId, list)
  }

  for (const idea of ideas) {
    if (within(idea.createdAt)) {
      newIdeas.push(idea.id)
      promotedOn(idea.source.boardId, idea.id)
      mention(idea)
    }
    for (const link of idea.links) {
      if (within(link.promotedAt)) {
        promotedOn(link.boardId, idea.id)
        mention(idea)
      }
    }
    const moves = statusMoves(idea.history).filter((move) => within(move.at))
    for (const move of moves) {
      statusChanges.push({ ideaId: idea.id, at: move.at, from: move.from, to: move.to, comment: move.comment })
      if (isDecision(move.to)) decisions.push({ ideaId: idea.id, at: move.at, status: move.to, comment: move.comment })
      mention(idea)
    }
    if (moves.some((move) => move.to === 'experimenting')) started.push(idea.id)
    else if (statusAt(idea, from) === 'experimenting' && statusAt(idea, to) === 'experimenting') {
      running.push(idea.id)
      mention(idea)
    }
    if (moves.some((move) => move.from === 'experimenting')) ended.push(idea.id)
  }
  statusChanges.sort((a, b) => a.at - b.at)
  decisions.sort((a, b) => a.at - b.at)

  const workshops: DigestWorkshop[] = []
  const seen = new Set<string>()
  for (const board of input.boards) {
    seen.add(board.boardId)
    const promoted = promotedFrom.get(board.boardId) ?? []
    if (board.notes === 0 && promoted.length === 0) continue
    workshops.push({ ...board, ideasPromoted: promoted })
  }
  // A board whose notes were promoted but whose document is gone still had a workshop.
  for (const [boardId, promoted] of promotedFrom) {
    if (seen.has(boardId)) continue
    const idea = mentioned.get(promoted[0]!)
    const source = idea?.source.boardId === boardId ? idea.source : idea?.links.find((l) => l.boardId === boardId)
    workshops.push({
      boardId,
      title: source?.boardTitle ?? boardId,
      method: source?.method ?? '',
      notes: 0,
      participants: 0,
      ideasPromoted: promoted,
      firstAt: null,
      lastAt: null,
    })
  }
  workshops.sort((a, b) => (a.firstAt ?? Infinity) - (b.firstAt ?? Infinity) || a.title.localeCompare(b.title))

  return {
    since: input.since,
    until: input.until,
    sinceFrom: input.sinceFrom,
    previous: input.previous,
    lang: input.lang,
    generatedAt: input.generatedAt,
    ideas: [...mentioned.values()].map((idea) => digestIdea(idea, input.mergeTargets)),
    newIdeas,
    statusChanges,
    experiments: { started, running, ended },
    decisions,
    workshops,
  }
}
