import type { ComponentType } from 'react'
import { lazyPage } from './app/lazy.tsx'

/**
 * Every page but the start page is a chunk of its own, loaded when its route is opened
 * (lazyPage: a loading line meanwhile, a reload notice when the chunk cannot be loaded). A
 * board link fetches the app's entry, the board's chunk and the strings of one language, and
 * nothing of the registry, the hub board, the digest, the admin page or the exports
 * (test/integration/bundle-budget.test.ts holds it to that, and to its size).
 */

/** The start page (creating a board, templates, this device's boards): not fetched by a board link. */
const StartPage = lazyPage(() => import('./start/StartPage.tsx').then((module) => module.StartPage), {
  firstStrings: true,
})
export const loadStartPage = () => StartPage.preload()
/** The board (Konva, Yjs) loads only when a board is opened: the start page stays light. */
const BoardPage = lazyPage(() => import('./board/BoardPage.tsx').then((module) => module.BoardPage), {
  firstStrings: true,
})
export const loadBoardPage = () => BoardPage.preload()
/** The registry pages load on their own too. */
const IdeasPage = lazyPage(() => import('./ideas/IdeasPage.tsx').then((module) => module.IdeasPage))
const DeliveriesPage = lazyPage(() =>
  import('./ideas/webhooks/DeliveriesPage.tsx').then((module) => module.DeliveriesPage),
)
const AdminPage = lazyPage(() => import('./admin/AdminPage.tsx').then((module) => module.AdminPage))
const IdeaPage = lazyPage(() => import('./ideas/IdeaPage.tsx').then((module) => module.IdeaPage))
/** The hub board and the network meeting are pages of their own, each a chunk of its own. */
const HubBoardPage = lazyPage(() => import('./ideas/board/HubBoardPage.tsx').then((module) => module.HubBoardPage))
const DigestPage = lazyPage(() => import('./digest/DigestPage.tsx').then((module) => module.DigestPage))

export interface Route {
  pattern: string
  component: ComponentType<Record<string, string>>
}

/** The client's routes, first match wins. */
export const routes: Route[] = [
  { pattern: '/', component: () => <StartPage /> },
  { pattern: '/b/:boardId', component: ({ boardId }) => <BoardPage boardId={boardId ?? ''} /> },
  { pattern: '/ideas', component: () => <IdeasPage /> },
  { pattern: '/ideas/board', component: () => <HubBoardPage /> },
  { pattern: '/digest', component: () => <DigestPage /> },
  { pattern: '/ideas/deliveries', component: () => <DeliveriesPage /> },
  { pattern: '/ideas/:id', component: ({ id }) => <IdeaPage id={id ?? ''} /> },
  { pattern: '/admin', component: () => <AdminPage /> },
]
