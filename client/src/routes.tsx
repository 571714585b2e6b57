import type { ComponentType } from 'react'
import { BoardPage } from './board/BoardPage.tsx'
import { IdeaPage, IdeasPage } from './ideas/IdeasPage.tsx'
import { StartPage } from './start/StartPage.tsx'

/**
 * The client's routes, first match wins. The registry pages (/ideas, /ideas/:id) are
 * placeholders for the registry feature to replace.
 */
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
