import * as Y from 'yjs'
import { BoardRoot, NOTE_IDEA_KEYS } from '../../shared/board/schema.ts'
import { isLocked } from '../../shared/board/session.ts'
import { PERMISSIONS, type Role } from '../../shared/roles.ts'

/**
 * Decides whether a client's transaction, already integrated into the server's document,
 * stayed within its role. It reads only what the transaction changed, so it runs on every
 * write. A non-null result is the reason for refusing it; the room then reverts the write.
 */
export function findViolation(transaction: Y.Transaction, role: Role): string | null {
  const permissions = PERMISSIONS[role]
  if (!permissions.writeContent) return 'this role is read-only'
  let locked: boolean | undefined
  for (const type of transaction.changed.keys()) {
    const root = rootTypeName(type)
    switch (root) {
      case BoardRoot.Meta:
      case BoardRoot.Session:
      case BoardRoot.Zones:
        if (!permissions.controlSession) return `only the facilitator may change ${root}`
        break
      case BoardRoot.Notes:
        if (changesIdeaBadge(type, transaction.changed.get(type))) return 'idea badges are written by the server only'
        if (!permissions.controlSession) {
          locked ??= isLocked(transaction.doc)
          if (locked) return 'the board is locked'
        }
        break
      default:
        return `unknown root type "${root}"`
    }
  }
  return null
}

/**
 * Whether a change sets or removes a note's idea keys (ideaId, ideaRef, ideaStatus) on a note
 * that existed before. A note created with them is let through: that is how an undo brings
 * back a deleted promoted note, with the same id and badge.
 */
function changesIdeaBadge(type: Y.AbstractType<any>, keys: Set<string | null> | undefined): boolean { // eslint-disable-line @typescript-eslint/no-explicit-any -- as below
  if (!keys || !(type instanceof Y.Map) || type._item === null) return false
  const parent = type._item.parent
  if (!(parent instanceof Y.Map) || parent._item !== null || Y.findRootTypeKey(parent) !== BoardRoot.Notes) return false
  return NOTE_IDEA_KEYS.some((key) => keys.has(key))
}

/** The name of the root type a (possibly nested) type belongs to. */
export function rootTypeName(type: Y.AbstractType<any>): string { // eslint-disable-line @typescript-eslint/no-explicit-any -- Yjs types are invariant in their event type
  let current: Y.AbstractType<any> = type
  while (current._item !== null) {
    const parent = current._item.parent
    if (!(parent instanceof Y.AbstractType)) break
    current = parent
  }
  return Y.findRootTypeKey(current)
}
