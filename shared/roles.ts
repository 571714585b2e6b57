/**
 * Share-link roles and what each may do. The server enforces this table; the client only
 * mirrors it to hide controls a role cannot use.
 */

export const ROLES = ['facilitator', 'participant', 'viewer'] as const
export type Role = (typeof ROLES)[number]

/** The roles a holder of `role` may invite others as: its own and every lesser one. */
export function rolesAtOrBelow(role: Role): Role[] {
  return ROLES.slice(ROLES.indexOf(role))
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}

export interface RolePermissions {
  /** May change notes (participants not while the board is locked). */
  readonly writeContent: boolean
  /** May change meta, zones and the session (phase, timer, lock, silent, voting). */
  readonly controlSession: boolean
  /** May promote notes to the idea registry. */
  readonly promote: boolean
}

export const PERMISSIONS: Readonly<Record<Role, RolePermissions>> = {
  facilitator: { writeContent: true, controlSession: true, promote: true },
  participant: { writeContent: true, controlSession: false, promote: false },
  viewer: { writeContent: false, controlSession: false, promote: false },
}
