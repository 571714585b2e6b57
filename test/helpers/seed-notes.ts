import type * as Y from 'yjs'
import { createNote } from '@shared/board/index.ts'

/** Notes per transaction while seeding, as a client pasting a large board would write them. */
const SEED_BATCH = 250

/**
 * Writes `notes` notes (ids `seed-0` …) into a document: a sentence of text each (about 340
 * bytes a note once encoded), on a 100-wide grid, by 25 authors. Used by tests and benchmarks
 * that need a big board.
 */
export function addNotes(doc: Y.Doc, notes: number): void {
  for (let i = 0; i < notes; i += SEED_BATCH) {
    doc.transact(() => {
      for (let j = i; j < Math.min(notes, i + SEED_BATCH); j++) {
        createNote(doc, {
          id: `seed-${j}`,
          text: `Idea number ${j}: a short sentence like people write on a sticky note`,
          x: (j % 100) * 180,
          y: Math.floor(j / 100) * 180,
          color: '#fde68a',
          zone: null,
          authorId: `author-${j % 25}`,
          authorName: `Participant ${j % 25}`,
        })
      }
    })
  }
}
