import type { BoardStore } from '../../storage/types.ts'
import type { PolicyRoom, RoomPolicy } from '../../sync/policy.ts'
import type { RoomRegistry } from '../../sync/room-registry.ts'
import type { Logger } from '../../sync/socket.ts'
import { BoardPolicy } from './board-policy.ts'
import type { BoardBudget } from './budget.ts'
import { DraftPolicy } from './draft-policy.ts'
import { DraftReveal } from './draft-reveal.ts'

export type { BoardBudget } from './budget.ts'

export interface BoardRulesInit {
  rooms: RoomRegistry
  boards: BoardStore
  budget: BoardBudget
  log: Logger
}

/**
 * The board's rules as the sync core gets them: `createPolicy` gives a board room the board's
 * write policy and a draft room the draft policy, both wired to the reveal of drafts, which
 * moves notes between the two through the room registry.
 */
export class BoardRules {
  readonly reveal: DraftReveal
  readonly #budget: BoardBudget

  constructor(init: BoardRulesInit) {
    this.#budget = init.budget
    this.reveal = new DraftReveal(init)
  }

  createPolicy = (room: PolicyRoom): RoomPolicy => {
    const { boardId, draftId } = room
    if (draftId === null) {
      return new BoardPolicy(room, {
        budget: this.#budget,
        onSilenceEnded: () => void this.reveal.revealBoard(boardId),
      })
    }
    return new DraftPolicy(room, { settle: (writer) => void this.reveal.settleDraft(boardId, draftId, writer.role) })
  }
}
