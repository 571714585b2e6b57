import type { BoardContextValue } from '../board/board-context.ts'
import { lazyPart } from '../app/lazy.tsx'
import { useStore } from '../lib/use-store.ts'

// Each chip loads when it first shows: most boards are never followed nor spotlit (issue 17).
const FollowBanner = lazyPart(() => import('./FollowBanner.tsx').then((module) => module.FollowBanner), {
  quiet: true,
})
const SpotlightChip = lazyPart(() => import('./SpotlightChip.tsx').then((module) => module.SpotlightChip), {
  quiet: true,
})

/** The chips at the top of the canvas: following the facilitator, and the spotlight. */
export function AttentionChips({ board }: { board: BoardContextValue }) {
  const following = useStore(board.follow.status) !== 'off'
  const spotlit = useStore(board.spotlight.active) !== null
  return (
    <div className="canvas-chips">
      {following && <FollowBanner board={board} />}
      {spotlit && <SpotlightChip board={board} />}
    </div>
  )
}
