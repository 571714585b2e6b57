import { lazy, type ComponentType } from 'react'
import { IdeaPage, IdeasPage } from './ideas/IdeasPage.tsx'
import { StartPage } from './start/StartPage.tsx'

/**
 * The client's routes, first match wins. The registry pages (/ideas, /ideas/:id) are
 * placeholders for the registry feature to replace.
 */
/** The board (Konva, Yjs) loads only when a board is opened: the start page stays light. */
export function loadBoardPage() {
  return import('./board/BoardPage.tsx')
}
const BoardPage = lazy(() => loadBoardPage().then((module) => ({ default: module.BoardPage })))

export interface Route {
  pattern: string
  component: ComponentType<Record<string, string>>
}

export const routes: Route[] = [
  { pattern: '/', component: StartPage },
  { pattern: '/b/:boardId', component: ({ boardId }) => <BoardPage boardId={boardId ?? ''} /> },
  { pattern: '/ideas', component: IdeasPage },
  { pattern: '/ideas/:id', component: ({ id }) => <IdeaPage id={id ?? ''} /> },
]
