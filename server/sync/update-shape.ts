import type * as Y from 'yjs'

type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>

/**
 * What Yjs decodes without complaint but must not enter a board: a struct or a deleted range
 * of length zero. Integrated, it stays in the document, and every later encoding of the board
 * (its snapshot, a new client's sync) carries a zero-length range that Yjs cannot read back:
 * the board would fail to load, and clients receiving it would fail to apply it. Returns the
 * problem as a sentence, or null for a sound update.
 */
export function updateShapeProblem(update: DecodedUpdate): string | null {
  for (const struct of update.structs) {
    if (!(struct.length >= 1)) return `a struct of length ${struct.length} (client ${struct.id.client})`
  }
  for (const [client, ranges] of update.ds.clients) {
    for (const range of ranges)
      if (!(range.len >= 1)) return `a deleted range of length ${range.len} (client ${client})`
  }
  return null
}
