/**
 * Ideas have a short human reference, `KT-2026-0042`: the year the idea was promoted (UTC)
 * and its number within that year, at least four digits (the 10 000th idea of a year is
 * KT-2026-10000). The server allocates the numbers; see server/ideas.
 */

export const IDEA_REF_PREFIX = 'KT'
export const IDEA_REF_PATTERN = '^KT-[0-9]{4}-[0-9]{4,9}$'
const refRegExp = new RegExp(IDEA_REF_PATTERN)

export function formatIdeaRef(year: number, number: number): string {
  return `${IDEA_REF_PREFIX}-${year}-${String(number).padStart(4, '0')}`
}

export function isIdeaRef(value: string): boolean {
  return refRegExp.test(value)
}

/** The year a ref is allocated in: the UTC year of the promotion. */
export function refYear(atMs: number): number {
  return new Date(atMs).getUTCFullYear()
}
