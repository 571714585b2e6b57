import type { SearchTerm } from '@shared/ideas/search.ts'
import { SUBSTRING_MIN_CHARS } from '@shared/ideas/search.ts'
import type { StoredIdea } from '../types.ts'

/**
 * Registry search in PostgreSQL, with the semantics of the SQLite indexes (sqlite/idea-search.ts)
 * and no extension required. Folding is done here, in the server, for both the stored text and
 * the terms: case and diacritics (`päiväkoti` and `PAIVAKOTI` become `paivakoti`), which neither
 * the `simple` text-search configuration nor LIKE does without `unaccent`. Stemming is the
 * shared light stemmer (shared/ideas/search.ts), not PostgreSQL's `finnish` snowball stemmer,
 * so that both backends find the same ideas for the same query.
 *
 * Two columns of the idea's row (migration 3):
 * - `search_words` (tsvector over the folded words, `simple` configuration, each field with a
 *   weight): word-prefix matches (`paivako:*`) and ranking (ts_rank);
 * - `search_text` (the folded words, space-separated): matches inside words (`LIKE '%koulu%'`),
 *   the trigram index's job in SQLite; indexed by pg_trgm where it is installed.
 */

/**
 * ts_rank weights {D, C, B, A}, proportional to SQLite's bm25 column weights (title 10,
 * description 4, ref and tags 3, notes and department 2).
 */
export const RANK_WEIGHTS = '{0.2, 0.3, 0.4, 1.0}'
/** ts_rank normalization 1: divided by 1 + log(document length), as bm25 favours short fields. */
export const RANK_NORMALIZATION = 1
/**
 * What one term found inside a word adds to a similar-ideas score: about half of what a word
 * match in a title adds (ts_rank ≈ 0.06), as SQLite adds half the trigram bm25 score.
 */
export const INSIDE_WORD_SCORE = 0.03

const COMBINING_MARKS = /\p{M}/gu
const WORD = /[\p{L}\p{N}]+/gu

/** Case and diacritics folded: the form stored text and search terms are compared in. */
export function foldForSearch(text: string): string {
  const stripped = text.normalize('NFD').replace(COMBINING_MARKS, '')
  return stripped.toLowerCase().normalize('NFD').replace(COMBINING_MARKS, '').normalize('NFC')
}

/** The folded words of a text, separated by single spaces. */
export function searchWords(text: string): string {
  return (foldForSearch(text).match(WORD) ?? []).join(' ')
}

/** The searchable fields of an idea, folded, as the SQLite index has them. */
export interface SearchDocument {
  ref: string
  title: string
  description: string
  notes: string
  department: string
  tags: string
}

export function searchDocument(idea: StoredIdea): SearchDocument {
  return {
    ref: searchWords(idea.ref),
    title: searchWords(idea.title),
    description: searchWords(idea.description),
    notes: searchWords(
      [idea.source, ...idea.links].flatMap((source) => source.notes.map((note) => note.text)).join('\n'),
    ),
    department: searchWords(idea.department ?? ''),
    tags: searchWords(idea.tags.join(' ')),
  }
}

/** The statement that writes an idea's search columns; parameters from searchParams(). */
export const WRITE_SEARCH_SQL = `UPDATE ideas SET
  search_words = setweight(to_tsvector('simple', $2), 'C') || setweight(to_tsvector('simple', $3), 'A')
              || setweight(to_tsvector('simple', $4), 'B') || setweight(to_tsvector('simple', $5), 'D')
              || setweight(to_tsvector('simple', $6), 'D') || setweight(to_tsvector('simple', $7), 'C'),
  search_text = $8
  WHERE id = $1`

export function searchParams(idea: StoredIdea): string[] {
  const doc = searchDocument(idea)
  const fields = [doc.ref, doc.title, doc.description, doc.notes, doc.department, doc.tags]
  return [idea.id, ...fields, fields.filter((field) => field.length > 0).join(' ')]
}

function foldedStem(term: SearchTerm): string {
  return searchWords(term.stem).replace(/ /g, '')
}

/**
 * Word-prefix tsquery text (for to_tsquery('simple', …)): every (or any) stem begins a word.
 * Stems are letters and digits only; the quotes keep the parser from reading anything else.
 */
export function wordsQuery(terms: readonly SearchTerm[], join: '&' | '|'): string | null {
  const stems = terms.map(foldedStem).filter((stem) => stem.length > 0)
  if (stems.length === 0) return null
  return stems.map((stem) => `'${stem}':*`).join(` ${join} `)
}

/** LIKE patterns for matches inside words: stems shorter than minChars take no part. */
export function insideWordPatterns(terms: readonly SearchTerm[], minChars = SUBSTRING_MIN_CHARS): string[] {
  return terms
    .map(foldedStem)
    .filter((stem) => [...stem].length >= minChars)
    .map((stem) => `%${stem.replace(/[\\%_]/g, (char) => `\\${char}`)}%`)
}

/**
 * The filter "every term matches": a term of three characters or more anywhere in a word
 * (which includes word beginnings), a shorter one at a word's beginning. Returns SQL to AND
 * into a WHERE over `ideas AS i`; `param` adds a parameter and returns its placeholder.
 */
export function allTermsMatch(terms: readonly SearchTerm[], param: (value: unknown) => string): string[] {
  const long = terms.filter((term) => [...foldedStem(term)].length >= SUBSTRING_MIN_CHARS)
  const short = terms.filter((term) => [...foldedStem(term)].length < SUBSTRING_MIN_CHARS)
  const clauses = insideWordPatterns(long).map((pattern) => `i.search_text LIKE ${param(pattern)}`)
  const words = wordsQuery(short, '&')
  if (words) clauses.push(`i.search_words @@ to_tsquery('simple', ${param(words)})`)
  return clauses
}
