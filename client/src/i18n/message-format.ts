import { pluralCategory } from '@shared/plural.ts'

/**
 * The subset of ICU MessageFormat the catalogues use, so that translation tools (Crowdin,
 * Weblate, Lokalise, Poedit's ICU mode) can read and check them:
 *
 * - `{name}` is replaced by the parameter `name` (a missing one stays visible as `{name}`).
 * - `{count, plural, one {# note} other {# notes}}` picks one branch by the language's plural
 *   rules (Intl.PluralRules: the categories zero, one, two, few, many, other); `=0 {…}`
 *   matches an exact number first. Inside a branch `#` is the number, and branches may hold
 *   `{name}` placeholders. `other` is required.
 *
 * No quoting with apostrophes: braces are always syntax, so the messages must not contain
 * literal braces (none do). Everything else is text, as ICU reads it.
 */

export type Params = Record<string, string | number>

export type MessagePart =
  | { kind: 'text'; text: string }
  | { kind: 'argument'; name: string }
  | { kind: 'number' }
  | { kind: 'plural'; name: string; branches: Record<string, MessagePart[]> }

export class MessageSyntaxError extends Error {}

const NAME = /^\s*([A-Za-z_]\w*)\s*$/
const SELECTOR = /\s*(=\d+|zero|one|two|few|many|other)\s*\{/y

/** Parses a catalogue message; throws MessageSyntaxError on what the subset does not allow. */
export function parseMessage(source: string): MessagePart[] {
  let index = 0

  // One run of parts, up to the closing brace of a plural branch (inBranch) or the end.
  function parseParts(inBranch: boolean): MessagePart[] {
    const parts: MessagePart[] = []
    let text = ''
    const flush = () => {
      if (text) parts.push({ kind: 'text', text })
      text = ''
    }
    while (index < source.length) {
      const char = source[index]!
      if (char === '}') {
        if (!inBranch) throw new MessageSyntaxError(`unexpected "}" at ${index} in: ${source}`)
        break
      }
      if (char === '{') {
        flush()
        parts.push(parseArgument())
        continue
      }
      if (char === '#' && inBranch) {
        flush()
        parts.push({ kind: 'number' })
        index += 1
        continue
      }
      text += char
      index += 1
    }
    flush()
    return parts
  }

  // From an opening brace to its closing one: `{name}` or `{name, plural, …}`.
  function parseArgument(): MessagePart {
    const start = index
    const close = source.indexOf('}', index)
    const comma = source.indexOf(',', index)
    if (close < 0) throw new MessageSyntaxError(`unclosed "{" at ${start} in: ${source}`)
    if (comma < 0 || close < comma) {
      const name = NAME.exec(source.slice(index + 1, close))?.[1]
      if (!name) throw new MessageSyntaxError(`bad placeholder at ${start} in: ${source}`)
      index = close + 1
      return { kind: 'argument', name }
    }
    const name = NAME.exec(source.slice(index + 1, comma))?.[1]
    const typeEnd = source.indexOf(',', comma + 1)
    if (!name || typeEnd < 0 || source.slice(comma + 1, typeEnd).trim() !== 'plural') {
      throw new MessageSyntaxError(`only {name} and {name, plural, …} are supported (at ${start} in: ${source})`)
    }
    index = typeEnd + 1
    const branches: Record<string, MessagePart[]> = {}
    for (;;) {
      SELECTOR.lastIndex = index
      const selector = SELECTOR.exec(source)
      if (!selector) break
      index = SELECTOR.lastIndex
      if (branches[selector[1]!]) throw new MessageSyntaxError(`"${selector[1]}" twice in: ${source}`)
      branches[selector[1]!] = parseParts(true)
      if (source[index] !== '}') throw new MessageSyntaxError(`unclosed branch in: ${source}`)
      index += 1
    }
    while (source[index] === ' ') index += 1
    if (source[index] !== '}') throw new MessageSyntaxError(`bad plural branch at ${index} in: ${source}`)
    if (!branches.other) throw new MessageSyntaxError(`plural without "other" in: ${source}`)
    index += 1
    return { kind: 'plural', name, branches }
  }

  return parseParts(false)
}

const parsed = new Map<string, MessagePart[]>()

/** The branch a number takes: an exact `=n` first, then the language's category, then other. */
export function pluralBranch(
  branches: Record<string, MessagePart[]>,
  value: number,
  locale: string,
): MessagePart[] | undefined {
  return branches[`=${value}`] ?? branches[pluralCategory(locale, value)] ?? branches.other
}

// `pound` is what `#` stands for in the plural branch being rendered.
function render(parts: MessagePart[], locale: string, params: Params | undefined, pound = '#'): string {
  let out = ''
  for (const part of parts) {
    if (part.kind === 'text') out += part.text
    else if (part.kind === 'number') out += pound
    else if (part.kind === 'argument') {
      out += params && part.name in params ? String(params[part.name]) : `{${part.name}}`
    } else {
      const value = params?.[part.name]
      const count = typeof value === 'number' ? value : Number(value ?? NaN)
      // A missing or non-numeric count: the other branch, with the placeholder left visible.
      if (!Number.isFinite(count)) out += render(part.branches.other ?? [], locale, params, `{${part.name}}`)
      else out += render(pluralBranch(part.branches, count, locale) ?? [], locale, params, String(count))
    }
  }
  return out
}

/** A message with its placeholders filled and its plurals chosen for `locale` (a BCP 47 tag). */
export function formatMessage(source: string, locale: string, params?: Params): string {
  if (!source.includes('{')) return source
  let parts = parsed.get(source)
  if (!parts) {
    try {
      parts = parseMessage(source)
    } catch {
      // The catalogue test rejects malformed messages; should one slip through, show it raw.
      parts = [{ kind: 'text', text: source }]
    }
    parsed.set(source, parts)
  }
  return render(parts, locale, params)
}
