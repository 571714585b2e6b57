/** Sizes of what the canvas draws, shared by the renderer and the hit test. */

/** Inner padding of a note's text, in board units. */
export const NOTE_PADDING = 10
export const NOTE_FONT_MAX = 22
export const NOTE_FONT_MIN = 11
export const NOTE_LINE_HEIGHT = 1.25
export const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif'

/** Resize handles are this big on screen, whatever the zoom. */
export const HANDLE_SCREEN_PX = 14

/** A zone's title bar (where facilitators grab, rename) and its prompt below. */
export const ZONE_TITLE_HEIGHT = 44
export const ZONE_TITLE_FONT = 22
export const ZONE_PROMPT_FONT = 15
export const ZONE_PADDING = 14

/**
 * Below this zoom, notes are drawn by one overview shape straight from the store instead of a
 * component each (they are many and small); both draw the same (draw-note.ts).
 */
export const OVERVIEW_SCALE = 0.35
