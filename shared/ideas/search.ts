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
 * - Swedish, the city's other language, inflects at the end too (gata → gatan, gator,
 *   gatorna; bibliotek → bibliotekens) and compounds the same way (skolgård, stadscykel). A
 *   term of four letters or more also gets a light Swedish stem: one definite, plural or
 *   genitive ending stripped ("gatorna" → "gat", "lekplatserna" → "lekplats"), and the
 *   unstressed e of -el/-er words that drops before an ending ("cykel", "cyklarna" → "cyk").
 *   The language of a search is not known, so the shorter of the two stems is used (both are
 *   beginnings of the term, so the shorter matches what either would); å, ä and ö fold like
 *   the Finnish letters.
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

/** Short function words of Finnish, Swedish and English that say nothing about an idea. */
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
  'och',
  'att',
  'det',
  'som',
  'en',
  'ett',
  'i',
  'på',
  'för',
  'med',
  'av',
  'till',
  'är',
  'om',
  'den',
  'de',
  'vi',
  'inte',
  'kan',
  'har',
  'så',
  'men',
  'eller',
  'från',
  'vid',
  'ska',
  'hur',
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
 * longest first; one is stripped. (Erasure finds a name with them too: board/erasure.ts.)
 */
export const FINNISH_ENDINGS = [
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
  const ending = FINNISH_ENDINGS.find((candidate) => term.endsWith(candidate))
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

/** Swedish terms shorter than this are matched as typed. */
const SWEDISH_STEM_FROM_CHARS = 4
/** A Swedish stem is never shorter than this (Swedish stems are short: gat-a, skol-a). */
const SWEDISH_STEM_MIN_CHARS = 3

/**
 * Swedish definite, plural and genitive endings, longest first; one is stripped. A genitive
 * -s only after a letter that can end a Swedish stem before it (not after s: "buss").
 */
const SWEDISH_ENDINGS = [
  'arnas',
  'ornas',
  'ernas',
  'arna',
  'orna',
  'erna',
  'ens',
  'ets',
  'ans',
  'nas',
  'ar',
  'or',
  'er',
  'en',
  'et',
  'na',
  'an',
  'ns',
  'a',
  'e',
]
const SWEDISH_GENITIVE = /[bcdfghjklmnoprtvy]s$/
const VOWELS = 'aeiouyäöåé'
/** Cykel(n), vinter(n): consonant + unstressed e + l or r, whose e drops before an ending (cyklar). */
const SYNCOPATED_END = new RegExp(`(?<=[^${VOWELS}])e[lr]n?$`)
/** Cykl(ar), vintr(ar): the stem left when a syncopated word's ending was stripped. */
const SYNCOPATED_STEM = new RegExp(`[^${VOWELS}lr][lr]$`)

function swedishStemOf(term: string): string {
  if ([...term].length < SWEDISH_STEM_FROM_CHARS || /\d/.test(term)) return term
  const long = (word: string) => [...word].length >= SWEDISH_STEM_MIN_CHARS
  const syncopated = term.replace(SYNCOPATED_END, '')
  if (syncopated !== term && long(syncopated)) return syncopated
  const ending = SWEDISH_ENDINGS.find((candidate) => term.endsWith(candidate) && long(term.slice(0, -candidate.length)))
  let stem = term
  if (ending) stem = term.slice(0, -ending.length)
  else if (SWEDISH_GENITIVE.test(term)) stem = term.slice(0, -1)
  if (ending && /^[aeo]/.test(ending) && SYNCOPATED_STEM.test(stem) && long(stem.slice(0, -1))) stem = stem.slice(0, -1)
  return stem
}

/** The Finnish and the Swedish stem, whichever is shorter: both begin the term. */
function bilingualStemOf(term: string): string {
  const finnish = stemOf(term)
  const swedish = swedishStemOf(term)
  return [...swedish].length < [...finnish].length ? swedish : finnish
}

/** The stem a term is matched by (exported for tests and other storage implementations). */
export function searchStem(term: string): string {
  return bilingualStemOf(term.normalize('NFC').toLocaleLowerCase('fi'))
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
  return chosen.map((term) => ({ term, stem: bilingualStemOf(term) }))
}
