import { lazy, type ComponentType } from 'react'
import { StartPage } from './start/StartPage.tsx'

/** The board (Konva, Yjs) loads only when a board is opened: the start page stays light. */
export function loadBoardPage() {
  return import('./board/BoardPage.tsx')
}
const BoardPage = lazy(() => loadBoardPage().then((module) => ({ default: module.BoardPage })))
/** The registry pages load on their own too. */
const IdeasPage = lazy(() => import('./ideas/IdeasPage.tsx').then((module) => ({ default: module.IdeasPage })))
const DeliveriesPage = lazy(() =>
  import('./ideas/webhooks/DeliveriesPage.tsx').then((module) => ({ default: module.DeliveriesPage })),
)
const AdminPage = lazy(() => import('./admin/AdminPage.tsx').then((module) => ({ default: module.AdminPage })))
const IdeaPage = lazy(() => import('./ideas/IdeaPage.tsx').then((module) => ({ default: module.IdeaPage })))
/** The hub board and the network meeting are pages of their own, each a chunk of its own. */
const HubBoardPage = lazy(() =>
  import('./ideas/board/HubBoardPage.tsx').then((module) => ({ default: module.HubBoardPage })),
)
const DigestPage = lazy(() => import('./digest/DigestPage.tsx').then((module) => ({ default: module.DigestPage })))

export interface Route {
  pattern: string
  component: ComponentType<Record<string, string>>
}

/** The client's routes, first match wins. */
export const routes: Route[] = [
  { pattern: '/', component: StartPage },
  { pattern: '/b/:boardId', component: ({ boardId }) => <BoardPage boardId={boardId ?? ''} /> },
  { pattern: '/ideas', component: () => <IdeasPage /> },
  { pattern: '/ideas/board', component: () => <HubBoardPage /> },
  { pattern: '/digest', component: () => <DigestPage /> },
  { pattern: '/ideas/deliveries', component: () => <DeliveriesPage /> },
  { pattern: '/ideas/:id', component: ({ id }) => <IdeaPage id={id ?? ''} /> },
  { pattern: '/admin', component: () => <AdminPage /> },
]
