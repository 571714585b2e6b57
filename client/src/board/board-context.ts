import { createContext, useContext } from 'react'
import type { Store } from '../lib/store.ts'
import type { Identity } from '../identity/identity.ts'
import type { BoardSession } from './data/board-session.ts'
import type { CulledNotes } from './view/culling.ts'
import type { BoardUiState } from './view/ui-state.ts'
import type { ViewportStore } from './view/viewport.ts'
import type { BoardCommands } from './input/commands.ts'
import type { FollowController } from './view/follow.ts'
import type { SpotlightController } from './view/spotlight.ts'
import type { FindController } from './find/find-controller.ts'

/**
 * Everything a board page's components read, created once per page: the data layer (session),
 * the view state, and the commands that turn intents into writes. The value never changes
 * while the page is open, so providing it re-renders nothing.
 */
export interface BoardContextValue {
  session: BoardSession
  ui: BoardUiState
  viewport: ViewportStore
  culled: CulledNotes
  commands: BoardCommands
  identity: Store<Identity>
  /** "Bring everyone to me": this view leads, follows, or looks around. */
  follow: FollowController
  /** The facilitator's spotlight as this view shows it. */
  spotlight: SpotlightController
  /** Find on the board (Ctrl+F): the matching notes, next and previous. */
  find: FindController
  /** The Konva stage, for PNG export (set once the canvas mounts). */
  stage: { current: import('konva/lib/Stage').Stage | null }
}

export const BoardContext = createContext<BoardContextValue | null>(null)

export function useBoard(): BoardContextValue {
  const value = useContext(BoardContext)
  if (!value) throw new Error('useBoard() outside a board page')
  return value
}
