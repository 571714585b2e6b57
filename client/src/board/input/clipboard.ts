import { NOTE_TEXT_MAX_CHARS, type NoteData } from '@shared/board/index.ts'
import { boundsOf } from '../view/geometry.ts'
import { NOTE_MAX_SIZE, NOTE_MIN_SIZE } from '@shared/board/index.ts'

/**
 * Notes on the clipboard, as plain data: what a copy carries from one board to another.
 * Only what a participant may write is kept — text, colour, size and the layout of the group
 * (`dx`, `dy` from its top-left corner). Authorship, votes, the zone and the idea badge
 * (ideaId, ideaRef, ideaStatus: the server's alone) are left behind; a pasted note is the
 * paster's new note.
 */
export interface ClipboardNote {
  text: string
  color: string
  width: number
  height: number
  dx: number
  dy: number
}

/** The clipboard type Kokeileva writes its notes under (the browser keeps it between tabs). */
export const NOTES_MIME = 'application/x-kokeileva-notes+json'
/** The attribute that carries the same notes inside the HTML copy (for where custom types are dropped). */
const HTML_ATTRIBUTE = 'data-kokeileva-notes'
/**
 * The most notes one paste makes: a long document pasted by mistake must not flood the board.
 * (The catalogues' 'refused.pasteLimit' says this number.)
 */
export const PASTE_NOTES_MAX = 100

const COLOR = /^#[0-9a-f]{6}$/i
const FALLBACK_COLOR = '#fde68a'
const PAYLOAD_KIND = 'kokeileva-notes'

interface Payload {
  kind: typeof PAYLOAD_KIND
  notes: ClipboardNote[]
}

/** What a copy of these notes puts on the clipboard: readable text, HTML, and the notes' data. */
export function notesToClipboard(notes: readonly NoteData[]): { json: string; text: string; html: string } {
  const origin = boundsOf(notes) ?? { x: 0, y: 0 }
  const payload: Payload = {
    kind: PAYLOAD_KIND,
    notes: notes.map((note) => ({
      text: note.text,
      color: note.color,
      width: note.width,
      height: note.height,
      dx: Math.round(note.x - origin.x),
      dy: Math.round(note.y - origin.y),
    })),
  }
  const json = JSON.stringify(payload)
  const text = notes.map((note) => note.text).join('\n')
  const items = notes.map((note) => `<li>${escapeHtml(note.text)}</li>`).join('')
  const html = `<ul ${HTML_ATTRIBUTE}="${encodeURIComponent(json)}">${items}</ul>`
  return { json, text, html }
}

/**
 * Notes from clipboard data Kokeileva wrote (its own type, or the HTML copy); null when the
 * data is not ours. Anything malformed is dropped or brought within the board's limits, never
 * trusted: the clipboard may hold anything.
 */
export function parseClipboardNotes(data: { json?: string; html?: string }): ClipboardNote[] | null {
  const json = data.json || jsonFromHtml(data.html ?? '')
  if (!json) return null
  let payload: unknown
  try {
    payload = JSON.parse(json)
  } catch {
    return null // not ours after all: the caller falls back to the plain text
  }
  if (!isRecord(payload) || payload['kind'] !== PAYLOAD_KIND || !Array.isArray(payload['notes'])) return null
  const notes: ClipboardNote[] = []
  for (const item of payload['notes'].slice(0, PASTE_NOTES_MAX)) {
    if (!isRecord(item) || typeof item['text'] !== 'string') continue
    notes.push({
      text: item['text'].slice(0, NOTE_TEXT_MAX_CHARS),
      color: typeof item['color'] === 'string' && COLOR.test(item['color']) ? item['color'] : FALLBACK_COLOR,
      width: size(item['width']),
      height: size(item['height']),
      dx: offset(item['dx']),
      dy: offset(item['dy']),
    })
  }
  return notes
}

/**
 * Plain text as notes' texts: one per line (a list of ideas gathered before the workshop),
 * list markers ("- ", "• ", "1. ") taken off, blank lines skipped, at most PASTE_NOTES_MAX;
 * `leftOut` counts the lines beyond that.
 */
export function linesToNoteTexts(text: string): { texts: string[]; leftOut: number } {
  const lines = text
    .split(/\r\n|\r|\n/)
    .map((line) =>
      line
        .replace(/\t+/g, ' ')
        .replace(/^\s*(?:[-*•–·▪◦]|\d{1,3}[.)])\s+/, '')
        .trim(),
    )
    .filter((line) => line.length > 0)
  return {
    texts: lines.slice(0, PASTE_NOTES_MAX).map((line) => line.slice(0, NOTE_TEXT_MAX_CHARS)),
    leftOut: Math.max(0, lines.length - PASTE_NOTES_MAX),
  }
}

function jsonFromHtml(html: string): string | null {
  const match = new RegExp(`${HTML_ATTRIBUTE}="([^"]*)"`).exec(html)
  if (!match?.[1]) return null
  try {
    return decodeURIComponent(match[1])
  } catch {
    return null // a broken attribute: treat the HTML as someone else's
  }
}

function size(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value)
    ? Math.round(Math.min(NOTE_MAX_SIZE, Math.max(NOTE_MIN_SIZE, value)))
    : 160
}

/** A note's place in its group, kept within a board's reach. */
function offset(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.round(Math.min(20_000, Math.max(0, value))) : 0
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`)
}
