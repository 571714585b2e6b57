import type { Rect, Size } from './geometry.ts'
import { NOTE_PADDING } from './layout.ts'
import type { MeasureText } from './text-fit.ts'

/**
 * Where a note's marks (its idea badge, its place and dots after a vote, one's own dots
 * during one) and its text go. The marks sit in a footer along the bottom edge and the text
 * keeps the space above it, so that no mark ever covers a word, at any zoom. Pure.
 */

/** What a note carries besides its text. */
export interface NoteMarks {
  /** Promoted to the idea registry: "KT-2026-0042 · Screening". */
  badge?: string | null | undefined
  /** After a vote: its dots and place. */
  result?: { votes: number; rank: number } | null | undefined
  /** While a vote is open: this user's dots on it. */
  myDots?: { count: number; color: string } | null | undefined
}

export type MarkBox =
  | { kind: 'rank'; rect: Rect; label: string; first: boolean }
  | { kind: 'votes'; rect: Rect; label: string }
  | { kind: 'dots'; rect: Rect; count: number; color: string }
  | { kind: 'badge'; rect: Rect; label: string }

export interface NoteLayout {
  /** Where the text goes: inside the padding, above the marks (relative to the note). */
  textBox: Rect
  marks: MarkBox[]
  /** Sizes of the marks, at this layout's unit (board units). */
  pill: { height: number; font: number; padding: number; dotRadius: number; dotStep: number }
}

const PILL_HEIGHT = 20
const PILL_FONT = 12
const PILL_PADDING = 7
const GAP = 4
const EDGE = 6
const DOT_RADIUS = 7
const DOT_STEP = 18
/** Beyond this many of one's own dots, a number and one dot stand for them. */
export const DOTS_DRAWN = 5
/** Marks never take more than this share of the note's height. */
const MAX_FOOTER_SHARE = 0.5
/** Bold labels are a little wider than the regular font that measures them. */
const BOLD_WIDTH = 1.08

/**
 * How much larger than at 100 % the marks are drawn: zoomed out they keep a readable size
 * on screen, but never grow beyond what the note allows.
 */
export function markUnit(size: Size, scale: number): number {
  const zoom = scale > 0 ? scale : 1
  return Math.max(1, Math.min(1 / zoom, (Math.min(size.width, size.height) / 160) * 1.6))
}

export function hasMarks(marks: NoteMarks): boolean {
  return !!marks.badge || !!marks.result || (!!marks.myDots && marks.myDots.count > 0)
}

interface Item {
  mark: MarkBox
  width: number
}

function items(marks: NoteMarks, u: number, innerWidth: number, measure: MeasureText): Item[] {
  const font = PILL_FONT * u
  const pill = (label: string) => measure(label) * font * BOLD_WIDTH + 2 * PILL_PADDING * u
  const none: Rect = { x: 0, y: 0, width: 0, height: 0 }
  const list: Item[] = []
  if (marks.result) {
    const rank = `#${marks.result.rank}`
    list.push({ mark: { kind: 'rank', rect: none, label: rank, first: marks.result.rank === 1 }, width: pill(rank) })
    const votes = `● ${marks.result.votes}`
    list.push({ mark: { kind: 'votes', rect: none, label: votes }, width: pill(votes) })
  }
  const dots = marks.myDots
  if (dots && dots.count > 0) {
    const drawn = dots.count > DOTS_DRAWN ? 1 : dots.count
    const number = dots.count > DOTS_DRAWN ? measure(`${dots.count} ×`) * font * BOLD_WIDTH + 4 * u : 0
    const width = number + 2 * DOT_RADIUS * u + (drawn - 1) * DOT_STEP * u
    list.push({ mark: { kind: 'dots', rect: none, count: dots.count, color: dots.color }, width })
  }
  if (marks.badge) {
    const label = marks.badge
    list.push({ mark: { kind: 'badge', rect: none, label }, width: Math.min(innerWidth, pill(label)) })
  }
  return list
}

function place(size: Size, marks: NoteMarks, u: number, measure: MeasureText): NoteLayout {
  const edge = EDGE * u
  const gap = GAP * u
  const height = PILL_HEIGHT * u
  const innerWidth = Math.max(1, size.width - 2 * edge)
  const rows: Item[][] = []
  let row: Item[] = []
  let used = 0
  for (const item of items(marks, u, innerWidth, measure)) {
    const needed = row.length === 0 ? item.width : used + gap + item.width
    if (row.length > 0 && needed > innerWidth) {
      rows.push(row)
      row = []
      used = 0
    }
    used = row.length === 0 ? item.width : used + gap + item.width
    row.push(item)
  }
  if (row.length > 0) rows.push(row)
  const footer = rows.length * height + Math.max(0, rows.length - 1) * gap
  const top = size.height - edge - footer
  const placed: MarkBox[] = []
  rows.forEach((items, index) => {
    let x = edge
    const y = top + index * (height + gap)
    for (const { mark, width } of items) {
      placed.push({ ...mark, rect: { x, y, width: Math.min(width, innerWidth), height } })
      x += width + gap
    }
  })
  const textTop = NOTE_PADDING
  const textBottom = rows.length > 0 ? top - gap : size.height - NOTE_PADDING
  return {
    textBox: {
      x: NOTE_PADDING,
      y: textTop,
      width: Math.max(0, size.width - 2 * NOTE_PADDING),
      height: Math.max(0, textBottom - textTop),
    },
    marks: placed,
    pill: {
      height,
      font: PILL_FONT * u,
      padding: PILL_PADDING * u,
      dotRadius: DOT_RADIUS * u,
      dotStep: DOT_STEP * u,
    },
  }
}

/**
 * The note's layout at a mark unit (see markUnit): the marks in rows along the bottom, left
 * to right (place, dots, own dots, then the badge, which goes on a row of its own when the
 * row is full and is cut with "…" when wider than the note), the text box above them. When
 * the marks would take more than half the note, they are drawn smaller.
 */
export function layoutNote(size: Size, marks: NoteMarks, unit: number, measure: MeasureText): NoteLayout {
  const first = place(size, marks, unit, measure)
  if (first.marks.length === 0) return first
  const footer = size.height - (first.textBox.y + first.textBox.height)
  const limit = size.height * MAX_FOOTER_SHARE
  if (footer <= limit) return first
  return place(size, marks, Math.max(0.5, (unit * limit) / footer), measure)
}
