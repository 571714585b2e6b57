import { newId } from '@shared/ids.ts'
import { readJson, writeJson } from '../lib/local-storage.ts'
import { Store } from '../lib/store.ts'
import type { Locale } from '../i18n/index.ts'

/** Who this browser is on every board: no accounts, just a stable id, a name and a colour. */
export interface Identity {
  id: string
  name: string
  color: string
}

/** Cursor and presence colours: distinguishable, and white initials on each reach 4.5:1 (WCAG AA). */
export const PRESENCE_COLORS = [
  '#be123c',
  '#be185d',
  '#9333ea',
  '#4f46e5',
  '#2563eb',
  '#0e7490',
  '#0f766e',
  '#15803d',
  '#4d7c0f',
  '#a16207',
  '#c2410c',
  '#57534e',
] as const

const ADJECTIVES: Record<Locale, readonly string[]> = {
  en: ['Brave', 'Calm', 'Clever', 'Curious', 'Gentle', 'Happy', 'Kind', 'Lively', 'Quick', 'Sunny', 'Wise', 'Bold'],
  fi: [
    'Rohkea',
    'Rauhallinen',
    'Nokkela',
    'Utelias',
    'Lempeä',
    'Iloinen',
    'Ystävällinen',
    'Vilkas',
    'Nopea',
    'Aurinkoinen',
    'Viisas',
    'Reipas',
  ],
  // Common-gender (en) animals, so that the adjective's base form always agrees.
  sv: ['Modig', 'Lugn', 'Klok', 'Nyfiken', 'Varsam', 'Glad', 'Vänlig', 'Livlig', 'Snabb', 'Solig', 'Vis', 'Käck'],
}
const ANIMALS: Record<Locale, readonly string[]> = {
  en: ['Otter', 'Lynx', 'Owl', 'Fox', 'Seal', 'Hare', 'Elk', 'Swan', 'Bear', 'Crane', 'Wolf', 'Squirrel'],
  fi: ['saukko', 'ilves', 'pöllö', 'kettu', 'hylje', 'jänis', 'hirvi', 'joutsen', 'karhu', 'kurki', 'susi', 'orava'],
  sv: ['utter', 'lo', 'uggla', 'räv', 'säl', 'hare', 'älg', 'svan', 'björn', 'trana', 'varg', 'ekorre'],
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length) % items.length] as T
}

/** A friendly generated display name and colour, so that joining never waits on a dialog. */
export function generateIdentity(locale: Locale, random: () => number = Math.random): Identity {
  return {
    id: newId(16),
    name: `${pick(ADJECTIVES[locale], random)} ${pick(ANIMALS[locale], random)}`,
    color: pick(PRESENCE_COLORS, random),
  }
}

export const DISPLAY_NAME_MAX_CHARS = 40

/** Trims and bounds a display name; an empty one keeps the previous name. */
export function cleanDisplayName(name: string, previous: string): string {
  const trimmed = name.replace(/\s+/g, ' ').trim().slice(0, DISPLAY_NAME_MAX_CHARS)
  return trimmed.length > 0 ? trimmed : previous
}

function isIdentity(value: unknown): value is Identity {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return (
    typeof v['id'] === 'string' &&
    typeof v['name'] === 'string' &&
    typeof v['color'] === 'string' &&
    v['id'].length > 0 &&
    v['name'].length > 0
  )
}

const IDENTITY_KEY = 'kokeileva.identity'

/** The identity kept on this device, generated on first use. */
export function loadIdentity(locale: Locale): Store<Identity> {
  let identity = readJson<Identity | null>(IDENTITY_KEY, (v): v is Identity | null => v === null || isIdentity(v), null)
  if (!identity) {
    identity = generateIdentity(locale)
    writeJson(IDENTITY_KEY, identity)
  }
  const store = new Store<Identity>(identity)
  store.subscribe(() => writeJson(IDENTITY_KEY, store.get()))
  return store
}
