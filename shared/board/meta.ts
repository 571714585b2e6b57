import type * as Y from 'yjs'
import { boardRoots } from './roots.ts'
import type { BoardMeta } from './schema.ts'
import { asNumber, asString } from './coerce.ts'
import { isLocale } from '../locale.ts'

export function readMeta(doc: Y.Doc): BoardMeta {
  const { meta } = boardRoots(doc)
  const locale: unknown = meta.get('locale')
  return {
    title: asString(meta.get('title')),
    template: asString(meta.get('template'), 'blank'),
    createdAt: asNumber(meta.get('createdAt')),
    // A missing or unknown locale reads as Finnish, as it always has.
    locale: isLocale(locale) ? locale : 'fi',
  }
}

export function writeMeta(doc: Y.Doc, patch: Partial<BoardMeta>, origin?: unknown): void {
  const { meta } = boardRoots(doc)
  doc.transact(() => {
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined) meta.set(key, value)
    }
  }, origin)
}

/** A meta key's stored value as it is, for checking what a client wrote. */
export function readRawMetaValue(doc: Y.Doc, key: string): unknown {
  return boardRoots(doc).meta.get(key)
}
