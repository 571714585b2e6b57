import type { BoardContextValue } from '../board/board-context.ts'
import { FollowBanner } from './FollowBanner.tsx'
import { SpotlightChip } from './SpotlightChip.tsx'

/** The chips at the top of the canvas: following the facilitator, and the spotlight. */
export function AttentionChips({ board }: { board: BoardContextValue }) {
  return (
    <div className="canvas-chips">
      <FollowBanner board={board} />
      <SpotlightChip board={board} />
    </div>
  )
}
