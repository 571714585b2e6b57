import { useEffect, useRef } from 'react'
import type { BoardContextValue } from '../board/board-context.ts'
import { lazyPart } from '../app/lazy.tsx'
import { useStoreSelector } from '../lib/use-store.ts'
import { RESULTS_PANEL_ID } from './ids.ts'

// The bar itself loads when a round opens (issue 17): a board's first load is without it.
const OpenVoteBar = lazyPart(() => import('./OpenVoteBar.tsx').then((module) => module.OpenVoteBar), { quiet: true })

/**
 * While a dot-voting round is open: how to vote and how many dots are left (participants),
 * how the round is going (the facilitator: dots and voters, never the totals per note), or
 * that results come later (viewers). When the round closes, everyone's results panel opens.
 */
export function VoteBar({ board }: { board: BoardContextValue }) {
  const { session } = board
  const voting = useStoreSelector(session.stores.session, selectVoting)
  const [open, perPerson, locked] = voting.split('|') as [string, string, string]
  useResultsOnClose(board)
  if (open !== 'open') return null
  return <OpenVoteBar board={board} perPerson={Number(perPerson)} locked={locked === 'locked'} />
}

/** A primitive, so that the bar re-renders only when voting itself changes. */
const selectVoting = (state: { voting: { open: boolean; votesPerPerson: number }; locked: boolean }) =>
  `${state.voting.open ? 'open' : 'closed'}|${state.voting.votesPerPerson}|${state.locked ? 'locked' : ''}`

/** Opens the results panel on every screen when a round this page watched is closed. */
function useResultsOnClose(board: BoardContextValue): void {
  const wasOpen = useRef(board.session.stores.session.get().voting.open)
  useEffect(
    () =>
      board.session.stores.session.subscribe(() => {
        const open = board.session.stores.session.get().voting.open
        if (wasOpen.current && !open && board.session.votes.ranking.get().length > 0)
          board.ui.openPanel.set(RESULTS_PANEL_ID)
        wasOpen.current = open
      }),
    [board],
  )
}
