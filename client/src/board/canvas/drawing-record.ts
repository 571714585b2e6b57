import type { Rect } from '../view/geometry.ts'
import type { MarkBox } from '../view/note-layout.ts'

/** What was drawn for one note, in board units. */
export interface DrawnNote {
  scale: number
  /** The text's font size on screen, px; 0 when no text was drawn. */
  screenFontPx: number
  lines: string[]
  simplified: boolean
  /** The box the drawn lines take, and each mark's box, in board coordinates. */
  textBox: Rect | null
  marks: { kind: MarkBox['kind']; rect: Rect }[]
}

/** What was drawn for one zone's title. */
export interface DrawnZone {
  /** The title's font size on screen, px; 0 when it was hidden (under its editor). */
  screenFontPx: number
  title: string
  /** What the zone's access mark says in full ('' without one), whichever length was drawn. */
  access: string
}

/**
 * What the last frame drew for each note and zone, kept only while a browser test or a
 * benchmark asks for it (window.kokeileva.recordDrawing): the canvas has no DOM to inspect.
 */
export const drawingRecord: { notes: Map<string, DrawnNote> | null; zones: Map<string, DrawnZone> | null } = {
  notes: null,
  zones: null,
}
