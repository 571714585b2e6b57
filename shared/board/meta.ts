import type * as Y from 'yjs'
import { boardRoots } from './roots.ts'
import type { BoardMeta } from './schema.ts'
import { asNumber, asString } from './coerce.ts'

export function readMeta(doc: Y.Doc): BoardMeta {
  const { meta } = boardRoots(doc)
  return {
    title: asString(meta.get('title')),
    template: asString(meta.get('template'), 'blank'),
    createdAt: asNumber(meta.get('createdAt')),
    locale: meta.get('locale') === 'en' ? 'en' : 'fi',
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
