import * as Y from 'yjs'
import { PARTICIPANT_ID_PATTERN } from '../ids.ts'
import {
  AUTHOR_NAME_MAX_CHARS,
  COORDINATE_MAX,
  HELD_BACK_REASONS,
  ID_MAX_CHARS,
  NOTE_MAX_SIZE,
  NOTE_MIN_SIZE,
  NOTE_TEXT_MAX_CHARS,
  TITLE_MAX_CHARS,
  ZONE_MAX_SIZE,
  ZONE_MIN_SIZE,
} from './schema.ts'
import { TEMPLATE_LIMITS } from '../templates/types.ts'
import { isFiniteNumber, isShortString } from './values.ts'

/**
 * The shape of a note and of a zone: every field, its type and its limits. The server refuses a
 * write that leaves a field outside this (server/boards/rules); the client's writer keeps its
 * writes inside it. Each check answers a sentence, or null when the value is fine.
 */
export type FieldCheck = (value: unknown) => string | null

/** `#rgb` or `#rrggbb`. */
const COLOR_PATTERN = /^#(?:[0-9a-fA-F]{3}){1,2}$/
const participantId = new RegExp(PARTICIPANT_ID_PATTERN)

const coordinate =
  (name: string): FieldCheck =>
  (value) =>
    isFiniteNumber(value) && Math.abs(value) <= COORDINATE_MAX
      ? null
      : `${name} must be a number from -${COORDINATE_MAX} to ${COORDINATE_MAX}`

const size =
  (name: string, min: number, max: number): FieldCheck =>
  (value) =>
    isFiniteNumber(value) && value >= min && value <= max ? null : `${name} must be a number from ${min} to ${max}`

const text =
  (name: string, max: number): FieldCheck =>
  (value) =>
    isShortString(value, max) ? null : `${name} must be text of at most ${max} characters`

const color =
  (name: string): FieldCheck =>
  (value) =>
    typeof value === 'string' && COLOR_PATTERN.test(value) ? null : `${name} must be a colour #rrggbb`

const optional =
  (check: FieldCheck): FieldCheck =>
  (value) =>
    value === undefined ? null : check(value)

const noteText: FieldCheck = (value) => {
  if (!(value instanceof Y.Text) || value.constructor !== Y.Text) return "a note's text must be a Y.Text"
  return value.length <= NOTE_TEXT_MAX_CHARS ? null : `a note's text is limited to ${NOTE_TEXT_MAX_CHARS} characters`
}

/** A vote's value: a voter's number of dots. */
export const voteProblem: FieldCheck = (value) =>
  Number.isInteger(value) && (value as number) > 0 && (value as number) <= TEMPLATE_LIMITS.maxVotesPerPerson
    ? null
    : 'a vote is a positive whole number of dots'

/** What is wrong with a note's votes map (participant id → dots), or null. */
export function votesProblem(votes: Y.Map<unknown>): string | null {
  for (const [voter, count] of votes) {
    if (!participantId.test(voter)) return 'a vote is given under a participant id'
    const problem = voteProblem(count)
    if (problem) return problem
  }
  return null
}

/**
 * The fields of a note on the board. Deleting a field is a value of undefined. width, height
 * and zone are optional: createNote leaves them out at their defaults (the default size, no
 * zone) to keep big boards quick to load, and every reader takes an absent one as that default
 * (readNote, readNotePlacement), so the rules judge deleting zone exactly as setting it to null.
 */
export const NOTE_FIELDS: Readonly<Record<string, FieldCheck>> = {
  text: noteText,
  x: coordinate('x'),
  y: coordinate('y'),
  width: optional(size('width', NOTE_MIN_SIZE, NOTE_MAX_SIZE)),
  height: optional(size('height', NOTE_MIN_SIZE, NOTE_MAX_SIZE)),
  color: color("a note's color"),
  zone: optional((value) =>
    value === null || isShortString(value, ID_MAX_CHARS) ? null : "a note's zone must be a zone id or null",
  ),
  authorId: (value) =>
    typeof value === 'string' && participantId.test(value) ? null : "a note's authorId must be a participant id",
  authorName: text("a note's authorName", AUTHOR_NAME_MAX_CHARS),
  createdAt: (value) => (isFiniteNumber(value) && value >= 0 ? null : "a note's createdAt must be a time in ms"),
  votes: (value) => (value instanceof Y.Map && value.constructor === Y.Map ? null : "a note's votes must be a Y.Map"),
  ideaId: optional(text("a note's ideaId", ID_MAX_CHARS)),
  ideaRef: optional(text("a note's ideaRef", ID_MAX_CHARS)),
  ideaStatus: optional(text("a note's ideaStatus", ID_MAX_CHARS)),
}

/** A note in a private draft: the board's fields plus the held-back mark. */
export const DRAFT_NOTE_FIELDS: Readonly<Record<string, FieldCheck>> = {
  ...NOTE_FIELDS,
  heldBack: optional((value) =>
    (HELD_BACK_REASONS as readonly unknown[]).includes(value)
      ? null
      : `a note's heldBack must be one of ${HELD_BACK_REASONS.join(', ')}`,
  ),
}

/** The fields of a zone (its id is its key in `zones`). */
export const ZONE_FIELDS: Readonly<Record<string, FieldCheck>> = {
  title: text("a zone's title", TITLE_MAX_CHARS),
  kind: text("a zone's kind", TEMPLATE_LIMITS.kindMaxChars),
  x: coordinate('x'),
  y: coordinate('y'),
  width: size('width', ZONE_MIN_SIZE, ZONE_MAX_SIZE),
  height: size('height', ZONE_MIN_SIZE, ZONE_MAX_SIZE),
  color: color("a zone's color"),
  prompt: text("a zone's prompt", TEMPLATE_LIMITS.promptMaxChars),
}

/** Clamps a position into the board's bounds (the client's writer, before it writes). */
export function clampCoordinate(value: number): number {
  return Math.min(COORDINATE_MAX, Math.max(-COORDINATE_MAX, value))
}
