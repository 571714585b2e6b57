import { rankNotes, type RankedNote } from '@shared/facilitation/index.ts'
import type { NoteData } from '@shared/board/index.ts'
import { shallowEqualArrays, Store } from '../../lib/store.ts'
import type { NoteStore } from './note-store.ts'

/** A voted note's place in the ranking. */
export interface VoteResult {
  votes: number
  /** 1 for the most votes; equal votes share a rank. */
  rank: number
}

function totalOf(note: NoteData): number {
  let total = 0
  for (const count of Object.values(note.votes)) total += count
  return total
}

/**
 * The dots on the board, kept current cheaply: each note's total is re-read only when that
 * note changes, and the ranking (shared rankNotes) is rebuilt only when a total changes — not
 * on every keystroke in a note. Whether totals may be *shown* is the session's business
 * (voteTotalsVisible); this only counts.
 */
export class VoteTally {
  /** Voted notes, most dots first (ties: older first). */
  readonly ranking = new Store<readonly RankedNote<NoteData>[]>([], shallowEqualArrays)
  /** Dots given on the whole board, and by how many people. */
  readonly totals = new Store<{ dots: number; voters: number }>({ dots: 0, voters: 0 }, (a, b) => a.dots === b.dots && a.voters === b.voters)
  readonly #notes: NoteStore
  /** noteId → votes and rank, for the voted notes only (a note's entry changes only with its result). */
  readonly results = new Store<ReadonlyMap<string, VoteResult>>(new Map())
  readonly #totals = new Map<string, number>()
  readonly #unsubscribe: () => void

  constructor(notes: NoteStore) {
    this.#notes = notes
    for (const note of notes.values()) {
      const total = totalOf(note)
      if (total > 0) this.#totals.set(note.id, total)
    }
    this.#rank()
    this.#unsubscribe = notes.subscribeChanges(this.#onChanges)
  }

  #onChanges = (ids: ReadonlySet<string>): void => {
    let changed = false
    for (const id of ids) {
      const note = this.#notes.get(id)
      const total = note ? totalOf(note) : 0
      if ((this.#totals.get(id) ?? 0) === total) continue
      changed = true
      if (total > 0) this.#totals.set(id, total)
      else this.#totals.delete(id)
    }
    if (changed) this.#rank()
  }

  #rank(): void {
    const voted: NoteData[] = []
    const voters = new Set<string>()
    let dots = 0
    for (const id of this.#totals.keys()) {
      const note = this.#notes.get(id)
      if (!note) continue
      voted.push(note)
      for (const [participant, count] of Object.entries(note.votes)) {
        voters.add(participant)
        dots += count
      }
    }
    const ranking = rankNotes(voted)
    const previous = this.results.get()
    const results = new Map<string, VoteResult>()
    for (const { note, votes, rank } of ranking) {
      const before = previous.get(note.id)
      // Keep unchanged entries identical, so that only notes whose result moved re-render.
      results.set(note.id, before && before.votes === votes && before.rank === rank ? before : { votes, rank })
    }
    this.results.set(results)
    this.ranking.set(ranking)
    this.totals.set({ dots, voters: voters.size })
  }

  destroy(): void {
    this.#unsubscribe()
  }
}
