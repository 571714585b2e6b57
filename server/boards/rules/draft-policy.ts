import * as Y from 'yjs'
import { boardRoots } from '@shared/board/roots.ts'
import { NOTE_IDEA_KEYS } from '@shared/board/schema.ts'
import { DRAFT_NOTE_FIELDS } from '@shared/board/shape.ts'
import { PERMISSIONS } from '@shared/roles.ts'
import type { Judgement, PolicyRoom, RoomPolicy, Writer } from '../../sync/policy.ts'
import { entryProblem } from './entry-shape.ts'
import { insertionProblems, itemOf, noteItem, SETTINGS_ITEM, UNPLACED_ITEM, zoneItem, nameItem } from './structure.ts'
import { collectChanges } from './transaction-changes.ts'
import { refuseAll, Verdicts } from './verdicts.ts'

/** Notes one draft may hold; with the note's limits this bounds a draft to about a megabyte. */
export const DRAFT_NOTES_MAX = 200

export interface DraftPolicyOptions {
  /** A write was kept in the draft, or a connection joined it: its notes may be due on the board. */
  settle(writer: Writer): void
}

/**
 * What may be written into a participant's private draft (silent mode): notes only, in the
 * board's note shape (plus the held-back mark), without votes or idea badges, at most
 * DRAFT_NOTES_MAX of them; each note is judged on its own. Only the holder of the draft key
 * reaches the draft, so whose notes they are is not judged here; the board's zone and lock
 * rules are applied when a note leaves the draft outside a reveal (draft-reveal.ts), not
 * while it is in it.
 */
export class DraftPolicy implements RoomPolicy {
  readonly #room: PolicyRoom
  readonly #options: DraftPolicyOptions

  constructor(room: PolicyRoom, options: DraftPolicyOptions) {
    this.#room = room
    this.#options = options
  }

  /** The room's document: read when needed, never kept (the room may build a new one). */
  get #doc(): Y.Doc {
    return this.#room.doc
  }

  itemOf(struct: Y.Item): string {
    return itemOf(struct)
  }

  observe(): void {}

  joined(writer: Writer): void {
    this.#options.settle(writer)
  }

  judge(transaction: Y.Transaction, writer: Writer): Judgement {
    if (!PERMISSIONS[writer.role].writeContent) return refuseAll('this role is read-only')
    const changes = collectChanges(transaction)
    const verdicts = new Verdicts()
    if (changes.unplaced !== null) verdicts.refuse(UNPLACED_ITEM, changes.unplaced)
    for (const root of changes.settings.keys())
      verdicts.refuse(SETTINGS_ITEM, `a draft holds notes only, not "${root}"`)
    for (const id of changes.zones.keys()) verdicts.refuse(zoneItem(id), 'a draft holds notes only, not "zones"')
    for (const id of changes.names) verdicts.refuse(nameItem(id), 'a draft holds notes only, not "names"')
    for (const [item, problem] of insertionProblems(transaction)) verdicts.refuse(item, problem)

    const notes = boardRoots(this.#doc).notes
    // How many notes the draft may still take: what it holds now, less what this write added.
    let room = DRAFT_NOTES_MAX - notes.size
    for (const [id, change] of changes.notes) if (change.replaced) room += notes.has(id) ? 1 : -1
    for (const [id, change] of changes.notes) {
      const item = noteItem(id)
      const raw: unknown = notes.get(id)
      const problem = verdicts.has(item)
        ? null
        : change.votes
          ? 'notes in a draft have no votes'
          : entryProblem('note', raw, change, DRAFT_NOTE_FIELDS)
      if (problem) verdicts.refuse(item, problem)
      if (verdicts.has(item) || !(raw instanceof Y.Map)) continue
      const votes: unknown = raw.get('votes')
      if (votes instanceof Y.Map && votes.size > 0) verdicts.refuse(item, 'notes in a draft have no votes')
      else if (NOTE_IDEA_KEYS.some((key) => raw.has(key)))
        verdicts.refuse(item, 'idea badges are written by the server only')
      else if (change.replaced && room-- <= 0) verdicts.refuse(item, `a draft holds at most ${DRAFT_NOTES_MAX} notes`)
    }
    return verdicts.judgement(() => {
      if (changes.notes.size > 0) this.#options.settle(writer)
    })
  }
}
