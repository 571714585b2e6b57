import * as Y from 'yjs'
import { readRawMetaValue } from '@shared/board/meta.ts'
import { cleanAuthorName, nameEntryProblem, setAuthorName } from '@shared/board/names.ts'
import { readNotePlacement, readVotes } from '@shared/board/notes.ts'
import { readPhases } from '@shared/board/phases.ts'
import { BoardRoot, NOTE_IDEA_KEYS } from '@shared/board/schema.ts'
import { readRawSessionValue, readSession } from '@shared/board/session.ts'
import { NOTE_FIELDS, ZONE_FIELDS } from '@shared/board/shape.ts'
import { metaValueProblem, sessionValueProblem } from '@shared/board/values.ts'
import { listZones } from '@shared/board/zones.ts'
import { currentPhase } from '@shared/facilitation/phases.ts'
import { noteChangeRefusal, voteRefusal, type ParticipantContext } from '@shared/facilitation/rules.ts'
import type { NotePlacement } from '@shared/board/notes.ts'
import { PERMISSIONS, type RolePermissions } from '@shared/roles.ts'
import type { Judgement, PolicyRoom, RoomPolicy, Writer } from '../../sync/policy.ts'
import { boardFullReason, type BoardBudget } from './budget.ts'
import { entryProblem } from './entry-shape.ts'
import { NoteIndex, type IndexedNote } from './note-index.ts'
import { noteMoveOf } from './note-move.ts'
import { insertionProblems, itemOf, nameItem, noteItem, SETTINGS_ITEM, UNPLACED_ITEM, zoneItem } from './structure.ts'
import { collectChanges, type EntryChange, type TransactionChanges } from './transaction-changes.ts'
import { accepted, refuseAll, Verdicts } from './verdicts.ts'

/** The origin of the server's write of a signed-in person's name (not a client's write). */
const SignedInNameOrigin = Symbol('signed-in name')

/** Fields of an existing note that only a facilitator (or the server) may change. */
const PROTECTED_NOTE_FIELDS: ReadonlySet<string> = new Set(['authorId', 'createdAt', 'ideaId', 'votes'])

export interface BoardPolicyOptions {
  budget: BoardBudget
  /** A client's accepted write turned the session's silent mode off (the reveal is due). */
  onSilenceEnded(): void
}

const NO_VOTE_CHANGE = { voter: null, delta: 0 } as const

/** One note's change of votes by a participant, judged after every note's content. */
interface VoteChange {
  noteId: string
  delta: number
}

/**
 * Decides which parts of a client's transaction, already integrated into the server's
 * document, stay: default deny — every change must have a place in the board's layout
 * (structure.ts), every note and zone field its shape (shared/board/shape.ts), and the writer
 * the right to make it (the roles table, the session's lock, the phase's open zones, voting
 * and silent mode, the board's size budget). Each note, each zone and the settings are judged
 * on their own, so one refused note does not take the valid rest of a batch with it. It reads
 * only what the transaction changed, plus an index of every note's last accepted state, so it
 * runs on every write.
 */
export class BoardPolicy implements RoomPolicy {
  readonly #room: PolicyRoom
  /**
   * Built before the first client write is integrated (beforeWrite), not when the board
   * loads: it reads every note, and a board that is only looked at never needs it.
   */
  #noteIndex: NoteIndex | null = null
  readonly #options: BoardPolicyOptions
  /**
   * session.silent as of the last transaction that stayed; null until a client write needs it
   * (beforeWrite), so that a board that is only looked at is never read.
   */
  #silent: boolean | null = null
  /**
   * The session, phase and zones as participants' writes are judged against them: read once
   * and kept until a transaction touches the settings or the zones (a move judged per write
   * would otherwise re-read every zone).
   */
  #context: Omit<ParticipantContext, 'participantId'> | null = null
  /** Each writer's participant context (#contextOf), with the board's context it was made from. */
  readonly #writerContexts = new WeakMap<Writer, { base: object; context: ParticipantContext }>()
  /** The move judge() accepted last, recorded by its keep() (judged and kept in one turn). */
  #move: { noteId: string; placement: NotePlacement } | null = null
  /** The judgement of every accepted move: made once, as a move is most of a board's writes. */
  readonly #moveAccepted: Judgement = accepted(() => this.#keepMove())

  constructor(room: PolicyRoom, options: BoardPolicyOptions) {
    this.#room = room
    this.#options = options
  }

  /** The room's document: read when needed, never kept (the room may build a new one). */
  get #doc(): Y.Doc {
    return this.#room.doc
  }

  beforeWrite(): void {
    this.#noteIndex ??= new NoteIndex(this.#doc)
    this.#silent ??= readSession(this.#doc).silent
  }

  released(): void {
    this.#noteIndex = null
    this.#context = null
    this.#silent = null
  }

  /** The index of notes as last accepted (beforeWrite built it before this write was integrated). */
  get #index(): NoteIndex {
    if (!this.#noteIndex) throw new Error('a client write was judged without beforeWrite()')
    return this.#noteIndex
  }

  itemOf(struct: Y.Item): string {
    return itemOf(struct)
  }

  observe(transaction: Y.Transaction): void {
    this.#stayed(collectChanges(transaction))
  }

  /** After a transaction (or what stays of one): true when it turned silent mode off. */
  #stayed(changes: TransactionChanges): boolean {
    if (changes.settings.size > 0 || changes.zones.size > 0) this.#context = null
    // Without an index there is nothing to bring up to date: it is built from the document.
    if (changes.notes.size > 0) this.#noteIndex?.refresh(this.#doc, changes.notes.keys())
    if (!changes.settings.has(BoardRoot.Session)) return false
    const wasSilent = this.#silent
    this.#silent = readSession(this.#doc).silent
    // Unknown before (no client write yet): only a client write's keep() acts on the answer,
    // and beforeWrite() read it before that write.
    return wasSilent === true && !this.#silent
  }

  judge(transaction: Y.Transaction, writer: Writer): Judgement {
    const permissions = PERMISSIONS[writer.role]
    if (!permissions.writeContent) return refuseAll('this role is read-only')
    if (this.#acceptsMove(transaction, writer, permissions)) return this.#moveAccepted
    const changes = collectChanges(transaction)
    // The document already holds this write, refused or not: a cached context may be stale.
    if (changes.settings.size > 0 || changes.zones.size > 0) this.#context = null
    const verdicts = new Verdicts()
    if (changes.unplaced !== null) verdicts.refuse(UNPLACED_ITEM, changes.unplaced)
    for (const [item, problem] of insertionProblems(transaction)) verdicts.refuse(item, problem)
    this.#judgeSettings(changes, permissions, verdicts)
    this.#judgeZones(changes, permissions, verdicts)
    const noteClaim = this.#judgeNotes(changes, writer, permissions, verdicts) ?? writer.participantId
    const claim = this.#judgeNames(changes, writer, noteClaim, verdicts)
    return verdicts.judgement(() => {
      if (claim !== null && claim !== writer.participantId) writer.participantId = claim
      if (this.#stayed(changes)) this.#options.onSilenceEnded()
    })
  }

  /**
   * Whether the transaction is a move (noteMoveOf) that every rule allows: the full judgement
   * reduced to what a move can break — its coordinates' shape, and for a participant the
   * lock, voting, closed zones and silent mode (noteChangeRefusal), with the note's
   * placement before the move from the index and after it made from that and the new
   * coordinates (nothing else of the note changed). False sends the write to the full
   * judgement, which names what is refused: this path only ever accepts.
   */
  #acceptsMove(transaction: Y.Transaction, writer: Writer, permissions: RolePermissions): boolean {
    const move = noteMoveOf(transaction, this.#doc.getMap(BoardRoot.Notes))
    const before = move ? this.#index.get(move.noteId)?.placement : undefined
    if (!move || !before) return false
    let { x, y } = before
    for (const field of move.fields) {
      const value = move.note.get(field)
      if (NOTE_FIELDS[field]?.(value) !== null || typeof value !== 'number') return false
      if (field === 'x') x = value
      else y = value
    }
    // Spelled out rather than spread: the object keeps one shape, and a move is most writes.
    const placement: NotePlacement = {
      zone: before.zone,
      x,
      y,
      width: before.width,
      height: before.height,
      authorId: before.authorId,
    }
    if (!permissions.controlSession && noteChangeRefusal(this.#contextOf(writer), before, placement) !== null) {
      return false
    }
    this.#move = { noteId: move.noteId, placement }
    return true
  }

  /** What stays of an accepted move: the note's new place in the index (nothing else changed). */
  #keepMove(): void {
    const move = this.#move
    this.#move = null
    if (move) this.#noteIndex?.moved(move.noteId, move.placement)
  }

  /**
   * Entries of `names`: each writer sets only their own name (binding the connection to that
   * participant id when it has none yet); a signed-in person's name is their account's, which
   * the server writes when they join. Returns the participant id the writer speaks for.
   */
  #judgeNames(changes: TransactionChanges, writer: Writer, claim: string | null, verdicts: Verdicts): string | null {
    const names = this.#doc.getMap(BoardRoot.Names)
    for (const key of changes.names) {
      const item = nameItem(key)
      const value = names.get(key)
      const problem =
        nameEntryProblem(key, value) ??
        (writer.user
          ? key !== writer.user.id
            ? 'a participant may set only their own name'
            : value !== cleanAuthorName(writer.user.name)
              ? "a signed-in person's name comes from their account"
              : null
          : claim !== null && key !== claim
            ? 'a participant may set only their own name'
            : null)
      if (problem) verdicts.refuse(item, problem)
      else claim ??= key
    }
    return claim
  }

  /** A signed-in person joined: the board shows their account's name on their notes. */
  joined(writer: Writer): void {
    if (writer.user) setAuthorName(this.#doc, writer.user.id, writer.user.name, SignedInNameOrigin)
  }

  #judgeSettings(changes: TransactionChanges, permissions: RolePermissions, verdicts: Verdicts): void {
    for (const [root, keys] of changes.settings) {
      if (!permissions.controlSession) verdicts.refuse(SETTINGS_ITEM, `only the facilitator may change ${root}`)
      for (const key of keys) {
        const problem =
          root === BoardRoot.Session
            ? sessionValueProblem(key, readRawSessionValue(this.#doc, key))
            : metaValueProblem(key, readRawMetaValue(this.#doc, key))
        if (problem) verdicts.refuse(SETTINGS_ITEM, problem)
      }
    }
  }

  #judgeZones(changes: TransactionChanges, permissions: RolePermissions, verdicts: Verdicts): void {
    const zones = this.#doc.getMap<Y.Map<unknown>>(BoardRoot.Zones)
    for (const [id, change] of changes.zones) {
      if (!permissions.controlSession) verdicts.refuse(zoneItem(id), 'only the facilitator may change zones')
      const problem = entryProblem('zone', zones.get(id), change, ZONE_FIELDS)
      if (problem) verdicts.refuse(zoneItem(id), problem)
    }
  }

  /** Judges every changed note; returns the participant id the writer is to be bound to (or null). */
  #judgeNotes(
    changes: TransactionChanges,
    writer: Writer,
    permissions: RolePermissions,
    verdicts: Verdicts,
  ): string | null {
    const notes = this.#doc.getMap<Y.Map<unknown>>(BoardRoot.Notes)
    const context = permissions.controlSession || changes.notes.size === 0 ? null : this.#participantContext()
    let claim = writer.participantId
    let count = this.#index.size
    const voteChanges: VoteChange[] = []

    for (const [id, change] of changes.notes) {
      const item = noteItem(id)
      if (verdicts.has(item)) continue
      const before = this.#index.get(id) ?? null
      const raw: unknown = notes.get(id)
      const map = raw instanceof Y.Map ? raw : null
      const problem =
        this.#idProblem(change, before, map, context !== null) ?? entryProblem('note', raw, change, NOTE_FIELDS)
      if (problem) {
        verdicts.refuse(item, problem)
        continue
      }
      const created = before === null && map !== null
      if (created) {
        const full = boardFullReason(this.#options.budget, count, this.#room)
        if (full) {
          verdicts.refuse(item, full)
          continue
        }
      }
      if (context) {
        const after = map ? readNotePlacement(map) : null
        if (!after && Object.keys(before?.votes ?? {}).length > 0) {
          verdicts.refuse(item, 'only the facilitator may delete a note that has votes')
          continue
        }
        let noteClaim = claim
        if (context.session.silent && noteClaim === null && created && after) noteClaim = after.authorId
        if (change.replaced || change.text || change.fields.size > 0) {
          const refusal = noteChangeRefusal({ ...context, participantId: noteClaim }, before?.placement ?? null, after)
          if (refusal) {
            verdicts.refuse(item, refusal.message)
            continue
          }
        }
        // A change of fields other than the votes (a move) leaves the votes as they were.
        const votes =
          change.replaced || change.votes || change.fields.has('votes')
            ? this.#votesOf(before?.votes ?? {}, map, noteClaim)
            : NO_VOTE_CHANGE
        if (typeof votes === 'string') {
          verdicts.refuse(item, votes)
          continue
        }
        claim = votes.voter ?? noteClaim
        if (votes.delta !== 0) voteChanges.push({ noteId: id, delta: votes.delta })
      }
      if (created) count++
      else if (before && !map) count--
    }
    if (context && claim !== null && voteChanges.length > 0) this.#judgeVotes(voteChanges, claim, context, verdicts)
    return claim !== writer.participantId ? claim : null
  }

  /**
   * Idea badges (ideaId, ideaRef, ideaStatus) are written by the server when notes are
   * promoted and when the hub changes an idea; no client, facilitators included, changes them
   * on an existing note. A note created with them (an undo restoring a deleted promoted note)
   * is judged by the rules for new notes: a participant's must keep the idea the note had.
   * Participants do not change an existing note's author, time or votes map either.
   */
  #idProblem(
    change: EntryChange,
    before: IndexedNote | null,
    map: Y.Map<unknown> | null,
    participant: boolean,
  ): string | null {
    if (before && !change.replaced) {
      if (NOTE_IDEA_KEYS.some((key) => change.fields.has(key))) return 'idea badges are written by the server only'
      for (const field of participant ? change.fields : []) {
        if (PROTECTED_NOTE_FIELDS.has(field)) return `participants may not change a note's ${field}`
      }
    }
    if (participant && change.replaced && map) {
      const ideaId = map.get('ideaId')
      if ((typeof ideaId === 'string' ? ideaId : null) !== (before?.ideaId ?? null))
        return 'only a promotion marks a note as an idea'
    }
    return null
  }

  /**
   * A participant's change of the dots on one note: only their own (binding the connection to
   * the first voter when it has no participant id yet). Returns the change, or a refusal.
   */
  #votesOf(
    beforeVotes: Readonly<Record<string, number>>,
    map: Y.Map<unknown> | null,
    claim: string | null,
  ): { voter: string | null; delta: number } | string {
    const afterVotes = map ? readVotes(map.get('votes')) : {}
    let voter: string | null = null
    let delta = 0
    for (const id of new Set([...Object.keys(beforeVotes), ...Object.keys(afterVotes)])) {
      const change = (afterVotes[id] ?? 0) - (beforeVotes[id] ?? 0)
      if (change === 0) continue
      if ((voter !== null && voter !== id) || (claim !== null && claim !== id))
        return 'a participant may change only their own votes'
      voter = id
      delta = change
    }
    return { voter, delta }
  }

  /** Dots taken back first (always allowed in a round), then the ones given, up to the limit. */
  #judgeVotes(
    changes: VoteChange[],
    voter: string,
    context: Omit<ParticipantContext, 'participantId'>,
    verdicts: Verdicts,
  ): void {
    let used = this.#index.votesUsedBy(voter)
    for (const { noteId, delta } of [...changes].sort((a, b) => a.delta - b.delta)) {
      const refusal = voteRefusal(context.session, used, used + delta)
      if (refusal) verdicts.refuse(noteItem(noteId), refusal.message)
      else used += delta
    }
  }

  #participantContext(): Omit<ParticipantContext, 'participantId'> {
    if (!this.#context) {
      const session = readSession(this.#doc)
      this.#context = { session, phase: currentPhase(readPhases(this.#doc), session), zones: listZones(this.#doc) }
    }
    return this.#context
  }

  /** The participant context of a writer: made once while the board's context and their id stay. */
  #contextOf(writer: Writer): ParticipantContext {
    const base = this.#participantContext()
    const kept = this.#writerContexts.get(writer)
    if (kept && kept.base === base && kept.context.participantId === writer.participantId) return kept.context
    const context = { ...base, participantId: writer.participantId }
    this.#writerContexts.set(writer, { base, context })
    return context
  }
}
