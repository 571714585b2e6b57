import type { Digest } from '../api/digest.ts'
import { digestWord } from './labels.ts'
import { digestSections, type DigestItem } from './sections.ts'

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]!)
}

/** Readable on screen and on paper: the minutes are printed or saved as PDF from this. */
const STYLE = `
body{font:16px/1.5 system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;color:#111}
h1{font-size:1.8rem;margin-bottom:0}h2{border-bottom:1px solid #ccc;margin-top:2rem}
li{margin:.5rem 0}.detail{display:block;color:#333}a{color:#1d4ed8}
@media print{body{margin:0;max-width:none;font-size:11pt}a{color:inherit;text-decoration:none}
h2{break-after:avoid}li{break-inside:avoid}}
`

/** The digest as a self-contained HTML page (no scripts, inline style), escaped throughout. */
export function digestToHtml(digest: Digest, ideaUrl: (ref: string) => string): string {
  const lang = digest.lang
  const item = (entry: DigestItem) => {
    const title = entry.ref
      ? `<a href="${escapeHtml(ideaUrl(entry.ref))}">${escapeHtml(entry.title)}</a>`
      : `<strong>${escapeHtml(entry.title)}</strong>`
    const details = entry.details.map((detail) => `<span class="detail">${escapeHtml(detail)}</span>`).join('')
    return `<li>${title}${details}</li>`
  }
  const list = (items: DigestItem[]) =>
    items.length === 0 ? `<p>${escapeHtml(digestWord('nothing', lang))}</p>` : `<ul>${items.map(item).join('')}</ul>`
  const body = digestSections(digest)
    .map((section) => {
      const inner = section.parts
        ? section.parts.map((part) => `<h3>${escapeHtml(part.heading)}</h3>${list(part.items)}`).join('')
        : list(section.items)
      return `<section><h2>${escapeHtml(section.heading)}</h2>${inner}</section>`
    })
    .join('\n')
  const title = digestWord('title', lang)
  return `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><title>${escapeHtml(`${title} ${digest.since} – ${digest.until}`)}</title>
<style>${STYLE}</style></head>
<body>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(digestWord('period', lang, { since: digest.since, until: digest.until }))}</p>
${body}
</body>
</html>
`
}
