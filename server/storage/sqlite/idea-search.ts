import type { SearchTerm } from '@shared/ideas/search.ts'
import { SUBSTRING_MIN_CHARS } from '@shared/ideas/search.ts'
import type { SqliteDatabase } from './database.ts'
import type { StoredIdea } from '../types.ts'

/**
 * The registry's two FTS5 indexes (migration 3), keyed by the rowid of the idea's row:
 * `idea_search_words` (unicode61, diacritics folded) matches word beginnings and ranks;
 * `idea_search_grams` (trigram, folded the same way) matches inside compound words.
 */

/** bm25 column weights of idea_search_words: ref, title, description, notes, department, tags. */
export const WORD_WEIGHTS = '3.0, 10.0, 4.0, 2.0, 2.0, 3.0'

function quote(text: string): string {
  return `"${text.replace(/"/g, '""')}"`
}

/** Word-prefix query: every (or any) stem begins a word. */
export function wordsQuery(terms: readonly SearchTerm[], join: 'AND' | 'OR'): string | null {
  if (terms.length === 0) return null
  return terms.map((term) => `${quote(term.stem)}*`).join(` ${join} `)
}

/** Substring query over trigrams; stems shorter than three characters cannot take part. */
export function gramsQuery(
  terms: readonly SearchTerm[],
  join: 'AND' | 'OR',
  minChars = SUBSTRING_MIN_CHARS,
): string | null {
  const usable = terms.filter((term) => [...term.stem].length >= minChars)
  if (usable.length === 0) return null
  return usable.map((term) => quote(term.stem)).join(` ${join} `)
}

/**
 * The filter "every term matches": a term of three characters or more anywhere in a word
 * (which includes word beginnings), a shorter one at a word's beginning. Returns SQL to AND
 * into a WHERE over `ideas AS i` and its parameters.
 */
export function allTermsMatch(terms: readonly SearchTerm[]): { sql: string; params: string[] } {
  const long = terms.filter((term) => [...term.stem].length >= SUBSTRING_MIN_CHARS)
  const short = terms.filter((term) => [...term.stem].length < SUBSTRING_MIN_CHARS)
  const clauses: string[] = []
  const params: string[] = []
  const grams = gramsQuery(long, 'AND')
  if (grams) {
    clauses.push('i.rowid IN (SELECT rowid FROM idea_search_grams WHERE idea_search_grams MATCH ?)')
    params.push(grams)
  }
  const words = wordsQuery(short, 'AND')
  if (words) {
    clauses.push('i.rowid IN (SELECT rowid FROM idea_search_words WHERE idea_search_words MATCH ?)')
    params.push(words)
  }
  return { sql: clauses.join(' AND '), params }
}

/** Writes (or rewrites) an idea's entries in both indexes. */
export class IdeaSearchIndex {
  readonly #statements

  constructor(db: SqliteDatabase) {
    this.#statements = {
      deleteWords: db.prepare('DELETE FROM idea_search_words WHERE rowid = ?'),
      deleteGrams: db.prepare('DELETE FROM idea_search_grams WHERE rowid = ?'),
      insertWords: db.prepare(
        'INSERT INTO idea_search_words (rowid, ref, title, description, notes, department, tags) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      insertGrams: db.prepare('INSERT INTO idea_search_grams (rowid, body) VALUES (?, ?)'),
    }
  }

  /** Call inside the transaction that changed the idea. */
  write(rowid: number | bigint, idea: StoredIdea): void {
    const fields = [
      idea.ref,
      idea.title,
      idea.description,
      [idea.source, ...idea.links].flatMap((source) => source.notes.map((note) => note.text)).join('\n'),
      idea.department ?? '',
      idea.tags.join(' '),
    ].map((text) => text.normalize('NFC'))
    this.#statements.deleteWords.run(rowid)
    this.#statements.deleteGrams.run(rowid)
    this.#statements.insertWords.run(rowid, ...fields)
    this.#statements.insertGrams.run(rowid, fields.join('\n'))
  }
}
