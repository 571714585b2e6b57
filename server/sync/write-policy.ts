import type * as Y from 'yjs'
import { readRawMetaValue } from '@shared/board/meta.ts'
import { getNoteMap, noteTextLength, noteVotesMap, readNotePlacement, readVotes } from '@shared/board/notes.ts'
import { readPhases } from '@shared/board/phases.ts'
import { BoardRoot, NOTE_IDEA_KEYS, NOTE_TEXT_MAX_CHARS } from '@shared/board/schema.ts'
import { readRawSessionValue, readSession } from '@shared/board/session.ts'
import { metaValueProblem, sessionValueProblem } from '@shared/board/values.ts'
import { listZones } from '@shared/board/zones.ts'
import { currentPhase } from '@shared/facilitation/phases.ts'
import { noteChangeRefusal, voteRefusal, type ParticipantContext } from '@shared/facilitation/rules.ts'
import { PERMISSIONS, type Role } from '@shared/roles.ts'
import { NoteIndex } from './note-index.ts'
import type { TransactionChanges } from './transaction-changes.ts'

/** Who wrote: the connection's role and the participant id it speaks for. */
export interface Writer {
  readonly role: Role
  /**
   * The participant id this connection speaks for: given at connect (?participant=), or
   * bound by its first vote or its first note created in silent mode. Null until then.
   */
  participantId: string | null
}

export type Verdict =
  | { ok: true; /** A participant id to bind the writer to once the write is kept. */ claim: string | null }
  | { ok: false; reason: string }

const refuse = (reason: string): Verdict => ({ ok: false, reason })

/** What a room's write guard asks of the rules for its kind of document (a board, a draft). */
export interface DocumentPolicy {
  judge(changes: TransactionChanges, writer: Writer): Verdict
  /**
   * After any transaction that stays (accepted, server-made, relayed, or a revert). True when
   * it turned the session's silent mode off (the reveal).
   */
  accepted(changes: TransactionChanges): boolean
}

/** Fields of an existing note that only a facilitator (or the server) may change. */
const PROTECTED_NOTE_FIELDS: ReadonlySet<string> = new Set(['authorId', 'createdAt', 'ideaId', 'votes'])

/**
 * Decides whether a client's transaction, already integrated into the server's document,
 * stayed within what its writer may do (the roles table in docs/architecture.md, the session's lock, the
 * phase's open zones, voting and silent mode). It reads only what the transaction changed,
 * plus an index of every note's last accepted state, so it runs on every write.
 */
export class WritePolicy implements DocumentPolicy {
  readonly #doc: Y.Doc
  readonly #index: NoteIndex
  /** session.silent as of the last transaction that stayed. */
  #silent: boolean
  /**
   * The session, phase and zones as participants' writes are judged against them: read once
   * and kept until a transaction touches a root other than notes (a move judged per write
   * would otherwise re-read every zone).
   */
  #context: Omit<ParticipantContext, 'participantId'> | null = null

  constructor(doc: Y.Doc) {
    this.#doc = doc
    this.#index = new NoteIndex(doc)
    this.#silent = readSession(doc).silent
  }

  accepted(changes: TransactionChanges): boolean {
    if (changes.roots.size > 0) this.#context = null
    if (changes.notes.size > 0) this.#index.refresh(this.#doc, changes.notes.keys())
    if (!changes.roots.has(BoardRoot.Session)) return false
    const wasSilent = this.#silent
    this.#silent = readSession(this.#doc).silent
    return wasSilent && !this.#silent
  }

  judge(changes: TransactionChanges, writer: Writer): Verdict {
    // The document already holds this write, refused or not: a cached context may be stale.
    if (changes.roots.size > 0) this.#context = null
    const permissions = PERMISSIONS[writer.role]
    if (!permissions.writeContent) return refuse('this role is read-only')
    for (const [root, keys] of changes.roots) {
      if (root !== BoardRoot.Meta && root !== BoardRoot.Session && root !== BoardRoot.Zones) {
        return refuse(`unknown root type "${root}"`)
      }
      if (!permissions.controlSession) return refuse(`only the facilitator may change ${root}`)
      const problem = this.#valueProblem(root, keys)
      if (problem) return refuse(problem)
    }
    for (const [id, change] of changes.notes) {
      if (!change.text && !change.replaced) continue
      const map = getNoteMap(this.#doc, id)
      if (map && noteTextLength(map) > NOTE_TEXT_MAX_CHARS)
        return refuse(`a note's text is limited to ${NOTE_TEXT_MAX_CHARS} characters`)
    }
    const badge = this.#badgeProblem(changes)
    if (badge) return refuse(badge)
    if (permissions.controlSession || changes.notes.size === 0) return { ok: true, claim: null }
    return this.#judgeParticipant(changes, writer)
  }

  /**
   * Idea badges (ideaId, ideaRef, ideaStatus) are written by the server when notes are
   * promoted and when the hub changes an idea; no client, facilitators included, changes them
   * on an existing note. A note created with them (an undo restoring a deleted promoted
   * note) is judged by the rules for new notes.
   */
  #badgeProblem(changes: TransactionChanges): string | null {
    for (const [id, change] of changes.notes) {
      if (change.replaced || !this.#index.get(id)) continue
      if (NOTE_IDEA_KEYS.some((key) => change.fields.has(key))) return 'idea badges are written by the server only'
    }
    return null
  }

  #valueProblem(root: string, keys: ReadonlySet<string>): string | null {
    for (const key of keys) {
      const problem =
        root === BoardRoot.Session
          ? sessionValueProblem(key, readRawSessionValue(this.#doc, key))
          : root === BoardRoot.Meta
            ? metaValueProblem(key, readRawMetaValue(this.#doc, key))
            : null
      if (problem) return problem
    }
    return null
  }

  #judgeParticipant(changes: TransactionChanges, writer: Writer): Verdict {
    const doc = this.#doc
    const context = this.#participantContext()
    const session = context.session
    if (session.locked) return refuse('the board is locked')
    let claim = writer.participantId
    const voteChanges = new Map<string, number>()

    for (const [id, change] of changes.notes) {
      const before = this.#index.get(id) ?? null
      const map = getNoteMap(doc, id)
      const after = map ? readNotePlacement(map) : null

      // Votes: compare every voter's dots on this note before and after.
      const votesMap = map ? noteVotesMap(map) : null
      if (votesMap && (change.votes || change.replaced)) {
        for (const count of votesMap.values()) {
          if (!Number.isInteger(count) || (count as number) <= 0)
            return refuse('a vote is a positive whole number of dots')
        }
      }
      const afterVotes = votesMap ? readVotes(votesMap) : {}
      const beforeVotes = before?.votes ?? {}
      if (!after && Object.keys(beforeVotes).length > 0)
        return refuse('only the facilitator may delete a note that has votes')
      for (const voter of new Set([...Object.keys(beforeVotes), ...Object.keys(afterVotes)])) {
        const delta = (afterVotes[voter] ?? 0) - (beforeVotes[voter] ?? 0)
        // A voter stays listed even when their moves cancel out (a dot moved between notes).
        if (delta !== 0) voteChanges.set(voter, (voteChanges.get(voter) ?? 0) + delta)
      }

      if (!change.replaced && !change.text && change.fields.size === 0) continue
      if (before && !change.replaced) {
        for (const field of change.fields) {
          if (PROTECTED_NOTE_FIELDS.has(field)) return refuse(`participants may not change a note's ${field}`)
        }
      }
      if (change.replaced && map) {
        const ideaId = map.get('ideaId')
        if ((typeof ideaId === 'string' ? ideaId : null) !== (before?.ideaId ?? null)) {
          return refuse('only a promotion marks a note as an idea')
        }
      }
      if (session.silent && claim === null && !before && after) claim = after.authorId
      const refusal = noteChangeRefusal({ ...context, participantId: claim }, before?.placement ?? null, after)
      if (refusal) return refuse(refusal.message)
    }

    if (voteChanges.size > 0) {
      if (voteChanges.size > 1) return refuse('a participant may change only their own votes')
      const [[voter, delta]] = [...voteChanges] as [[string, number]]
      if (claim === null) claim = voter
      else if (claim !== voter) return refuse('a participant may change only their own votes')
      const usedBefore = this.#index.votesUsedBy(voter)
      const refusal = voteRefusal(session, usedBefore, usedBefore + delta)
      if (refusal) return refuse(refusal.message)
    }
    return { ok: true, claim: claim !== writer.participantId ? claim : null }
  }

  #participantContext(): Omit<ParticipantContext, 'participantId'> {
    if (!this.#context) {
      const session = readSession(this.#doc)
      this.#context = { session, phase: currentPhase(readPhases(this.#doc), session), zones: listZones(this.#doc) }
    }
    return this.#context
  }
}
