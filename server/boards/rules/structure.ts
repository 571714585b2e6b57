import * as Y from 'yjs'
import { BoardRoot } from '@shared/board/schema.ts'

/**
 * Where content sits in a board document, as the rules see it: every struct belongs to one
 * item — a note, a zone, the board's settings (`meta` and `session`), or "unplaced" (another
 * root, or content without a key, which the board's readers never see and the rules refuse).
 * A refusal reverts an item whole and leaves the others of the same write.
 */
export const SETTINGS_ITEM = 'settings'
export const UNPLACED_ITEM = 'unplaced'
export const noteItem = (id: string): string => `note:${id}`
export const zoneItem = (id: string): string => `zone:${id}`
export const nameItem = (id: string): string => `name:${id}`

/** The item a struct belongs to. */
export function itemOf(struct: Y.Item): string {
  const { root, chain } = ancestry(struct)
  const key = chain.at(-1)?.parentSub ?? null
  if (root === null || key === null) return UNPLACED_ITEM
  switch (root) {
    case BoardRoot.Notes:
      return noteItem(key)
    case BoardRoot.Zones:
      return zoneItem(key)
    case BoardRoot.Meta:
    case BoardRoot.Session:
      return SETTINGS_ITEM
    case BoardRoot.Names:
      return nameItem(key)
    default:
      return UNPLACED_ITEM
  }
}

/** The item and the chain of items from the struct up to the child of its root type. */
function ancestry(struct: Y.Item): { root: string | null; chain: Y.Item[] } {
  const chain: Y.Item[] = [struct]
  let parent = struct.parent
  while (parent instanceof Y.AbstractType && parent._item !== null) {
    chain.push(parent._item)
    parent = parent._item.parent
  }
  return { root: parent instanceof Y.AbstractType ? Y.findRootTypeKey(parent) : null, chain }
}

const isPlainValue = (item: Y.Item): boolean => item.content instanceof Y.ContentAny && item.length === 1
const isType = (item: Y.Item, type: typeof Y.Map | typeof Y.Text): boolean =>
  item.content instanceof Y.ContentType && item.content.type.constructor === type

/**
 * What is wrong with where one inserted struct sits, or null. The board's layout: `meta` and
 * `session` map keys to plain values; `zones` maps ids to maps of plain values; `notes` maps
 * ids to maps of plain values, a `text` (a Y.Text of plain characters) and `votes` (a map
 * of plain values); `names` maps participant ids to plain values. Anything else — a value without a key, a Y type where a plain value
 * belongs, an embed or formatting in a note's text, several values in one map entry — is
 * content no reader shows but storage would keep, and is refused.
 */
function placementProblem(struct: Y.Item): string | null {
  const { root, chain } = ancestry(struct)
  const top = chain.at(-1)
  if (root === null || !top) return 'content outside the document'
  if (top.parentSub === null) return `content without a key in "${root}"`
  const depth = chain.length
  switch (root) {
    case BoardRoot.Meta:
    case BoardRoot.Session:
    case BoardRoot.Names:
      return depth === 1 && isPlainValue(struct) ? null : `${root}.${top.parentSub} must be a plain value`
    case BoardRoot.Zones:
      if (depth === 1) return isType(struct, Y.Map) ? null : 'a zone must be a map'
      return depth === 2 && struct.parentSub !== null && isPlainValue(struct) ? null : 'a zone holds plain values only'
    case BoardRoot.Notes: {
      if (depth === 1) return isType(struct, Y.Map) ? null : 'a note must be a map'
      const field = chain[depth - 2]?.parentSub ?? null
      if (field === null) return 'content without a key in a note'
      if (depth === 2) {
        if (field === 'text') return isType(struct, Y.Text) ? null : "a note's text must be a Y.Text"
        if (field === 'votes') return isType(struct, Y.Map) ? null : "a note's votes must be a Y.Map"
        return isPlainValue(struct) ? null : `a note's ${field} must be a plain value`
      }
      if (depth === 3 && field === 'text')
        return struct.parentSub === null && struct.content instanceof Y.ContentString
          ? null
          : "a note's text holds plain characters only"
      if (depth === 3 && field === 'votes')
        return struct.parentSub !== null && isPlainValue(struct) ? null : 'a vote is a positive whole number of dots'
      return `a note's ${field} holds no nested content`
    }
    default:
      return `unknown root type "${root}"`
  }
}

/**
 * The placement problems of what a transaction inserted (live structs only: what it inserted
 * and deleted at once is garbage-collected anyway), the first per item. Costs one look per
 * inserted struct, which is what the update brought.
 */
export function insertionProblems(transaction: Y.Transaction): Map<string, string> {
  const problems = new Map<string, string>()
  const { store } = transaction.doc
  for (const [client, after] of transaction.afterState) {
    const before = transaction.beforeState.get(client) ?? 0
    const structs = after > before ? store.clients.get(client) : undefined
    if (!structs) continue
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
      const struct = structs[i] as Y.Item | Y.GC
      if (struct.id.clock >= after) break
      if (!(struct instanceof Y.Item) || struct.deleted) continue
      const problem = placementProblem(struct)
      if (problem === null) continue
      const item = itemOf(struct)
      if (!problems.has(item)) problems.set(item, problem)
    }
  }
  return problems
}
