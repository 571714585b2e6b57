import * as Y from 'yjs'
import { countNotes, initBoardDoc, listZones, readMeta } from '@shared/board/index.ts'
import { newId } from '@shared/ids.ts'
import { ROLES, rolesAtOrBelow, type Role } from '@shared/roles.ts'
import { boardLink } from '@shared/links.ts'
import { layoutFromTemplate, type Locale, type TemplateDefinition } from '@shared/templates/index.ts'
import type { BoardCreated, BoardLinks, BoardSummary } from '@shared/api/boards.ts'
import type { BoardAccessService } from '../auth/board-access.ts'
import type { TokenService } from '../auth/tokens.ts'
import type { LifecycleStore } from '../storage/lifecycle-types.ts'
import type { BoardStore } from '../storage/types.ts'
import { readBoardDoc } from './board-doc.ts'
import type { RoomRegistry } from '../sync/room-registry.ts'

/** Creates a board: its row and its first snapshot (meta, session, template zones). */
export async function createBoard(
  boards: BoardStore,
  tokens: TokenService,
  publicUrl: string,
  input: { title: string; template: TemplateDefinition; locale: Locale; expiresAt?: number | undefined },
  lifecycle?: LifecycleStore,
): Promise<BoardCreated> {
  const id = newId()
  const createdAt = Date.now()
  const doc = new Y.Doc()
  initBoardDoc(
    doc,
    { title: input.title, template: input.template.id, createdAt, locale: input.locale },
    layoutFromTemplate(input.template, input.locale),
  )
  await boards.createBoard(
    { id, title: input.title, template: input.template.id, createdAt },
    Y.encodeStateAsUpdate(doc),
  )
  doc.destroy()
  if (input.expiresAt !== undefined) await lifecycle?.setLinksExpiry(id, input.expiresAt)
  const tokenOf = (role: Role) => tokens.sign(id, role)
  const byRole = <T>(fn: (role: Role) => T) =>
    Object.fromEntries(ROLES.map((role) => [role, fn(role)])) as Record<Role, T>
  return {
    id,
    title: input.title,
    template: input.template.id,
    createdAt,
    tokens: byRole(tokenOf),
    links: byRole((role) => boardLink(publicUrl, id, tokenOf(role))),
    ...(input.expiresAt !== undefined ? { expiresAt: input.expiresAt } : {}),
  }
}

/**
 * A board's summary from the live document when the board is loaded, else from storage
 * (without loading it into a room).
 */
export async function summarizeBoard(
  boards: BoardStore,
  rooms: RoomRegistry,
  boardId: string,
  role: Role,
): Promise<BoardSummary | null> {
  const room = await rooms.peek(boardId)
  return readBoardDoc(boards, rooms, boardId, (doc) => {
    const meta = readMeta(doc)
    return {
      id: boardId,
      title: meta.title,
      template: meta.template,
      createdAt: meta.createdAt,
      counts: { notes: countNotes(doc), zones: listZones(doc).length, connections: room?.connections.size ?? 0 },
      role,
    }
  })
}

/** The share links a holder of `role` may hand out, or null when there is no such board. */
export async function boardLinksFor(
  lifecycle: LifecycleStore,
  access: BoardAccessService,
  publicUrl: string,
  boardId: string,
  role: Role,
): Promise<BoardLinks | null> {
  const current = await lifecycle.getAccess(boardId)
  if (!current) return null
  const link = (invited: Role) => boardLink(publicUrl, boardId, access.tokenFor(boardId, invited, current))
  // Every role may invite viewers; rolesAtOrBelow(role) always ends with 'viewer'.
  const links: BoardLinks['links'] = { viewer: link('viewer') }
  for (const invited of rolesAtOrBelow(role)) if (invited !== 'viewer') links[invited] = link(invited)
  const expiresAt = current.linksExpireAt
  return { id: boardId, role, links, ...(expiresAt !== null ? { expiresAt } : {}) }
}
