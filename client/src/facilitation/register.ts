import {
  registerBoardPanel,
  registerBoardStrip,
  registerCanvasOverlay,
  registerSelectionAction,
} from '../board/extensions.ts'
import { lazyPart } from '../app/lazy.tsx'
import type { BoardContextValue } from '../board/board-context.ts'
import { useStore } from '../lib/use-store.ts'
import { AttentionChips } from './AttentionChips.tsx'
import { RESULTS_PANEL_ID, SESSION_PANEL_ID } from './ids.ts'
import { PhaseBar } from './PhaseBar.tsx'
import { VoteBar } from './VoteBar.tsx'

// The panels load when first shown: a participant never fetches the facilitator's controls.
const FacilitatorPanel = lazyPart(() => import('./FacilitatorPanel.tsx').then((module) => module.FacilitatorPanel))
const ResultsPanel = lazyPart(() => import('./ResultsPanel.tsx').then((module) => module.ResultsPanel))

/**
 * The facilitation feature on the board page: the phase bar and the vote bar for everyone,
 * the facilitator's session controls, the vote results, the follow and spotlight chips,
 * and "Spotlight" for a selected note.
 */
const isFacilitator = (board: BoardContextValue) => board.session.role === 'facilitator'

registerBoardStrip({ id: 'phase', isAvailable: () => true, component: PhaseBar })
registerBoardStrip({ id: 'vote', overCanvas: true, isAvailable: () => true, component: VoteBar })

registerBoardPanel({
  id: SESSION_PANEL_ID,
  title: 'facilitation.panel.title',
  isAvailable: isFacilitator,
  // The facilitator's cockpit: open from the start, closable.
  openInitially: isFacilitator,
  component: FacilitatorPanel,
})

registerBoardPanel({
  id: RESULTS_PANEL_ID,
  title: 'facilitation.results.title',
  isAvailable: () => true,
  // Shown once a round has results (closed, with dots), not during a brainstorm.
  useShown: (board) => {
    const state = useStore(board.session.stores.session)
    const ranking = useStore(board.session.votes.ranking)
    return !state.voting.open && ranking.length > 0
  },
  component: ResultsPanel,
})

registerCanvasOverlay({ id: 'attention', component: AttentionChips })

registerSelectionAction({
  id: 'spotlight',
  label: 'facilitation.spotlight.action',
  isAvailable: ({ board }) => isFacilitator(board),
  run: ({ board, selection }) => {
    const [first] = selection
    if (first) board.session.controls.spotlight({ kind: 'note', id: first })
  },
})
