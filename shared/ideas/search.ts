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
 * - Inflection changes the end of a word and, by consonant gradation, the last consonant of
 *   its stem (päiväkoti → päiväkodissa, liikunta → liikunnan). A term of five letters or more
 *   is matched by a light stem: one common case ending stripped, then the last syllable's
 *   consonants and vowels, never below four letters ("päiväkodeissa", "päiväkotien" and
 *   "päiväkoti" all become "päiväko"). It over-matches a little; results are ranked.
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
/** Terms shorter than this are matched as typed. */
const STEM_FROM_CHARS = 5
/** A stem is never shorter than this. */
const STEM_MIN_CHARS = 4
/** The most terms one search uses; a long text is reduced to its first distinct terms. */
export const SEARCH_TERMS_MAX = 12

/** Short function words of Finnish and English that say nothing about an idea. */
const STOPWORDS = new Set([
  'ja',
  'tai',
  'on',
  'ei',
  'se',
  'ne',
  'että',
  'kuin',
  'mutta',
  'myös',
  'jos',
  'kun',
  'niin',
  'ole',
  'olla',
  'oli',
  'sen',
  'sekä',
  'joka',
  'jota',
  'mitä',
  'mikä',
  'tämä',
  'nyt',
  'vain',
  'the',
  'and',
  'or',
  'of',
  'to',
  'in',
  'is',
  'for',
  'on',
  'with',
  'a',
  'an',
  'be',
  'it',
  'that',
  'this',
  'as',
  'at',
  'by',
  'we',
  'our',
  'are',
  'not',
])

/**
 * Common Finnish case endings (singular and plural), possessive suffixes and clitics,
 * longest first; one is stripped.
 */
const ENDINGS = [
  'eissa',
  'eissä',
  'eista',
  'eistä',
  'eihin',
  'eilla',
  'eillä',
  'eilta',
  'eiltä',
  'eille',
  'kaan',
  'kään',
  'issa',
  'issä',
  'ista',
  'istä',
  'ihin',
  'illa',
  'illä',
  'ilta',
  'iltä',
  'ille',
  'iksi',
  'itta',
  'ittä',
  'iden',
  'iten',
  'seen',
  'aan',
  'ään',
  'een',
  'iin',
  'oon',
  'uun',
  'yyn',
  'öön',
  'ssa',
  'ssä',
  'sta',
  'stä',
  'lla',
  'llä',
  'lta',
  'ltä',
  'lle',
  'ksi',
  'tta',
  'ttä',
  'ien',
  'jen',
  'hin',
  'ina',
  'inä',
  'nsa',
  'nsä',
  'mme',
  'nne',
  'kin',
  'han',
  'hän',
  'na',
  'nä',
  'ta',
  'tä',
  'en',
  'in',
  'ni',
  'si',
]
const TRAILING_CONSONANTS = /[^aeiouyäöå]+$/
const TRAILING_VOWELS = /[aeiouyäöå]+$/
/** The last syllable's consonant onset and vowels, where gradation happens. */
const LAST_SYLLABLE = /[^aeiouyäöå]*[aeiouyäöå]*$/

/** Applies the steps in order and keeps the last result that is still long enough. */
function stemOf(term: string): string {
  if ([...term].length < STEM_FROM_CHARS || /\d/.test(term)) return term
  const ending = ENDINGS.find((candidate) => term.endsWith(candidate))
  const steps: Array<(word: string) => string> = [
    (word) => (ending ? word.slice(0, -ending.length) : word),
    (word) => word.replace(TRAILING_CONSONANTS, ''),
    // After a stripped ending the stem's own end is already exposed.
    (word) => (ending ? word : word.replace(TRAILING_VOWELS, '')),
    (word) => (ending ? word : word.replace(LAST_SYLLABLE, '')),
  ]
  let stem = term
  for (const step of steps) {
    const next = step(stem)
    if ([...next].length < STEM_MIN_CHARS) break
    stem = next
  }
  return stem
}

/** The stem a term is matched by (exported for tests and other storage implementations). */
export function searchStem(term: string): string {
  return stemOf(term.normalize('NFC').toLocaleLowerCase('fi'))
}

/**
 * Splits free text into search terms: runs of letters and digits, lower-cased, distinct,
 * without stop words (unless nothing else is left), at most SEARCH_TERMS_MAX.
 */
export function searchTerms(text: string, { max = SEARCH_TERMS_MAX }: { max?: number } = {}): SearchTerm[] {
  const words =
    text
      .normalize('NFC')
      .toLocaleLowerCase('fi')
      .match(/[\p{L}\p{N}]+/gu) ?? []
  const distinct = [...new Set(words)]
  const meaningful = distinct.filter((word) => !STOPWORDS.has(word))
  const chosen = (meaningful.length > 0 ? meaningful : distinct).slice(0, max)
  return chosen.map((term) => ({ term, stem: stemOf(term) }))
}
