import { lazyPart } from '../app/lazy.tsx'
import type { BoardContextValue } from '../board/board-context.ts'
import { useStore } from '../lib/use-store.ts'
import { promoteRequest } from './promote-requests.ts'

/** The dialog and the registry code it uses load the first time it opens, not with the board. */
const PromoteDialog = lazyPart(() => import('./PromoteDialog.tsx').then((module) => module.PromoteDialog))

/** Mounted on every board page; shows the promote dialog while it is open. */
export function PromoteOverlay({ board }: { board: BoardContextValue }) {
  const request = useStore(promoteRequest(board.session))
  if (!request) return null
  return (
    <PromoteDialog
      key={request.join(',')}
      board={board}
      noteIds={request}
      onClose={() => promoteRequest(board.session).set(null)}
    />
  )
}
