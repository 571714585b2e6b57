/**
 * Up to two initials for an avatar: the first letter or digit of the first two words that
 * have one, so that punctuation never stands in for a name ("Anna (Library)" → "AL",
 * "— Ben" → "B"). A name without letters gets "?".
 */
export function initials(name: string): string {
  const letters: string[] = []
  for (const word of name.split(/\s+/)) {
    const first = /[\p{L}\p{N}]/u.exec(word)?.[0]
    if (first) letters.push(first.toLocaleUpperCase())
    if (letters.length === 2) break
  }
  return letters.join('') || '?'
}
