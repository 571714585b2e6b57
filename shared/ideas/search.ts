/**
 * How registry search reads what people type, independent of the database.
 *
 * Finnish is inflected and compounding, and people search from foreign keyboards and phones:
 * - Case and diacritics are folded: "paivakoti" finds "päiväkoti" and "PÄIVÄKOTI". Finnish ä
 *   and ö are letters of their own, and a few words differ only by them (sää/saa), but a
 *   search that misses "päiväkoti" for lack of dots fails far more people than the rare
 *   extra hit bothers; results are ranked, and stored text keeps its letters.
 * - A term matches word beginnings and, from three letters on, the inside of compound
 *   words: "koulu" finds "peruskoulu" and "koulukuljetus".
 * - Inflection changes the end of a stem (päiväkoti → päiväkodissa, ranta → rannalla), so
 *   a term of six letters or more is matched by its stem without the last two letters.
 *
 * Storage implementations turn SearchTerm lists into their own index queries.
 */

export interface SearchTerm {
  /** The term as typed, NFC and lower case. */
  term: string
  /** What is matched: the term, or its shortened stem. */
  stem: string
}

/** Terms shorter than this cannot be matched inside words (trigram indexes need three). */
export const SUBSTRING_MIN_CHARS = 3
const STEM_FROM_CHARS = 6
const STEM_DROP_CHARS = 2
/** The most terms one search uses; a long text is reduced to its first distinct terms. */
export const SEARCH_TERMS_MAX = 12

/** Short function words of Finnish and English that say nothing about an idea. */
const STOPWORDS = new Set([
  'ja', 'tai', 'on', 'ei', 'se', 'ne', 'että', 'kuin', 'mutta', 'myös', 'jos', 'kun', 'niin',
  'ole', 'olla', 'oli', 'sen', 'sekä', 'joka', 'jota', 'mitä', 'mikä', 'tämä', 'nyt', 'vain',
  'the', 'and', 'or', 'of', 'to', 'in', 'is', 'for', 'on', 'with', 'a', 'an', 'be', 'it',
  'that', 'this', 'as', 'at', 'by', 'we', 'our', 'are', 'not',
])

function stemOf(term: string): string {
  const chars = [...term]
  return chars.length >= STEM_FROM_CHARS ? chars.slice(0, -STEM_DROP_CHARS).join('') : term
}

/**
 * Splits free text into search terms: runs of letters and digits, lower-cased, distinct,
 * without stop words (unless nothing else is left), at most SEARCH_TERMS_MAX.
 */
export function searchTerms(text: string, { max = SEARCH_TERMS_MAX }: { max?: number } = {}): SearchTerm[] {
  const words = text.normalize('NFC').toLocaleLowerCase('fi').match(/[\p{L}\p{N}]+/gu) ?? []
  const distinct = [...new Set(words)]
  const meaningful = distinct.filter((word) => !STOPWORDS.has(word))
  const chosen = (meaningful.length > 0 ? meaningful : distinct).slice(0, max)
  return chosen.map((term) => ({ term, stem: stemOf(term) }))
}
