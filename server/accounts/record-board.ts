import type { Role } from '@shared/roles.ts'
import type { Logger } from '../sync/socket.ts'
import type { AccountStore } from '../storage/types.ts'

/**
 * Notes that a signed-in person created (`owner`) or joined a board (GET /api/boards lists
 * these; the owner may delete the board). Never rejects: a failure only leaves the board out of
 * that list (and its creator deletes it with the facilitator link), so it is logged and does
 * not stand in the way of creating or joining.
 */
export function recordBoardFor(
  accounts: AccountStore,
  log: Logger,
  userId: string,
  boardId: string,
  role: Role,
  owner = false,
): Promise<void> {
  return accounts.recordBoard(userId, boardId, role, Date.now(), owner).catch((error: unknown) => {
    log.warn({ err: error, boardId }, 'could not note the board among its signed-in person’s boards')
  })
}
