import type * as Y from 'yjs'
import { countNotes, getNoteMap, noteTextLength, noteVotesMap } from '@shared/board/notes.ts'
import { BoardRoot, NOTE_IDEA_KEYS, NOTE_TEXT_MAX_CHARS } from '@shared/board/schema.ts'
import { PERMISSIONS } from '@shared/roles.ts'
import type { TransactionChanges } from './transaction-changes.ts'
import type { DocumentPolicy, Verdict, Writer } from './write-policy.ts'

/** Notes one draft may hold; with the text limit this bounds a draft to about a megabyte. */
export const DRAFT_NOTES_MAX = 200

const refuse = (reason: string): Verdict => ({ ok: false, reason })

/**
 * What may be written into a participant's private draft (silent mode): notes only, in the
 * board's note schema, without votes or idea badges, at most DRAFT_NOTES_MAX of them. Only the
 * holder of the draft key reaches the draft, so whose notes they are is not judged here; the
 * board's zone and lock rules are applied when a note leaves the draft outside a reveal
 * (draft-reveal.ts), not while it is in it.
 */
export class DraftPolicy implements DocumentPolicy {
  readonly #doc: Y.Doc

  constructor(doc: Y.Doc) {
    this.#doc = doc
  }

  accepted(): boolean {
    return false
  }

  judge(changes: TransactionChanges, writer: Writer): Verdict {
    if (!PERMISSIONS[writer.role].writeContent) return refuse('this role is read-only')
    for (const root of changes.roots.keys()) {
      if (root !== BoardRoot.Notes) return refuse(`a draft holds notes only, not "${root}"`)
    }
    for (const [id, change] of changes.notes) {
      if (change.votes) return refuse('notes in a draft have no votes')
      if (NOTE_IDEA_KEYS.some((key) => change.fields.has(key)))
        return refuse('idea badges are written by the server only')
      const map = getNoteMap(this.#doc, id)
      if (!map) continue
      if (noteTextLength(map) > NOTE_TEXT_MAX_CHARS)
        return refuse(`a note's text is limited to ${NOTE_TEXT_MAX_CHARS} characters`)
      const votes = noteVotesMap(map)
      if (votes && votes.size > 0) return refuse('notes in a draft have no votes')
      if (NOTE_IDEA_KEYS.some((key) => map.has(key))) return refuse('idea badges are written by the server only')
    }
    if (countNotes(this.#doc) > DRAFT_NOTES_MAX) return refuse(`a draft holds at most ${DRAFT_NOTES_MAX} notes`)
    return { ok: true, claim: null }
  }
}
