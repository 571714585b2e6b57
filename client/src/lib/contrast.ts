/** WCAG 2 contrast between colours, and a way to keep white text readable on any colour. */

/** The smallest contrast WCAG 2 AA asks of normal-size text. */
export const TEXT_CONTRAST_MIN = 4.5

/** `#rgb` or `#rrggbb` as 0–255 channels; null for anything else. */
export function parseHex(color: string): [number, number, number] | null {
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim())
  if (!match) return null
  const hex = match[1]!.length === 3 ? [...match[1]!].map((c) => c + c).join('') : match[1]!
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number]
}

function channel(value: number): number {
  const c = value / 255
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
}

/** WCAG 2 relative luminance, 0 (black) to 1 (white). */
export function luminance([r, g, b]: readonly [number, number, number]): number {
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

/** The WCAG 2 contrast ratio of two colours (1 to 21); 1 when either is not a hex colour. */
export function contrastRatio(a: string, b: string): number {
  const ca = parseHex(a)
  const cb = parseHex(b)
  if (!ca || !cb) return 1
  const [hi, lo] = [luminance(ca), luminance(cb)].sort((x, y) => y - x) as [number, number]
  return (hi + 0.05) / (lo + 0.05)
}

const toHex = (channels: readonly number[]) =>
  `#${channels.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`

/**
 * The colour itself when white text on it reaches `min`, else the same hue darkened just
 * enough. Presence colours come from other devices (and older versions), so they are made
 * readable where they are drawn, not only where they are chosen. Not a hex colour: a dark grey.
 */
export function readableUnderWhite(color: string, min = TEXT_CONTRAST_MIN): string {
  const rgb = parseHex(color)
  if (!rgb) return '#44403c'
  for (let factor = 1; factor > 0; factor -= 0.04) {
    const candidate = toHex(rgb.map((c) => c * factor))
    if (contrastRatio(candidate, '#ffffff') >= min) return candidate
  }
  return '#000000'
}
