import type { Digest } from '../api/digest.ts'
import { escapeInline } from '../export/markdown.ts'
import { digestWord } from './labels.ts'
import { digestSections, type DigestItem } from './sections.ts'

/** The digest as Markdown for the minutes: one heading per section, one list item per entry. */
export function digestToMarkdown(digest: Digest, ideaUrl: (ref: string) => string): string {
  const lines: string[] = [
    `# ${digestWord('title', digest.lang)}`,
    '',
    digestWord('period', digest.lang, { since: digest.since, until: digest.until }),
  ]
  const item = (entry: DigestItem) => {
    const title = escapeInline(entry.title)
    lines.push(`- ${entry.ref ? `[${title}](${ideaUrl(entry.ref)})` : `**${title}**`}`)
    for (const detail of entry.details) lines.push(`  ${escapeInline(detail.replace(/\s+/g, ' '))}`.trimEnd() + '  ')
  }
  for (const section of digestSections(digest)) {
    lines.push('', `## ${escapeInline(section.heading)}`, '')
    const parts = section.parts ?? [section]
    const nothing = parts.every((part) => part.items.length === 0)
    if (nothing) {
      lines.push(digestWord('nothing', digest.lang))
      continue
    }
    for (const part of parts) {
      if (section.parts) lines.push(`### ${escapeInline(part.heading)}`, '')
      if (part.items.length === 0) lines.push(digestWord('nothing', digest.lang))
      for (const entry of part.items) item(entry)
      if (section.parts) lines.push('')
    }
  }
  return `${lines.join('\n').trimEnd()}\n`
}
