import { newId } from '@shared/ids.ts'
import { readJson, writeJson } from '../lib/local-storage.ts'

/**
 * The secret draft key of each board on this device (silent mode's private drafts): made once
 * per board when first needed and kept beside the board's token, so that after a reload this
 * browser reaches the same draft, and nobody without the key does.
 */
const KEY = 'kokeileva.draftKeys'

function isKeyMap(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((key) => typeof key === 'string')
  )
}

function readKeys(): Record<string, string> {
  return readJson(KEY, isKeyMap, {})
}

/** Whether this device has written drafts on the board before (so it may have some left). */
export function hasDraftKey(boardId: string): boolean {
  return typeof readKeys()[boardId] === 'string'
}

/** The board's draft key on this device, made and stored on first use. */
export function draftKeyFor(boardId: string): string {
  const keys = readKeys()
  const known = keys[boardId]
  if (known) return known
  const key = newId(24)
  writeJson(KEY, { ...keys, [boardId]: key })
  return key
}
