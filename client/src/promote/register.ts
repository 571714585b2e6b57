import { registerBoardOverlay, registerSelectionAction } from '../board/extensions.ts'
import { PromoteOverlay } from './PromoteOverlay.tsx'
import { promoteRequest } from './promote-requests.ts'

/** "Promote to idea" on the board's toolbar, for facilitators (the server allows no one else). */
registerSelectionAction({
  id: 'promote',
  label: 'promote.action',
  isAvailable: ({ board }) => board.session.capabilities.get().promote,
  run: ({ board, selection }) => {
    if (selection.size > 0) promoteRequest(board.session).set([...selection])
  },
})

registerBoardOverlay({ id: 'promote', component: PromoteOverlay })
