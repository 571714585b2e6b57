import * as Y from 'yjs'
import { BoardRoot } from '../../shared/board/schema.ts'
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
