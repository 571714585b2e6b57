import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App.tsx'
import { AppLoadFailed } from './app/lazy.tsx'
import { loadMe } from './app/me.ts'
import { loadCatalogue, localeStore } from './i18n/index.ts'
import { loadBoardPage, loadStartPage } from './routes.tsx'
import { registerServiceWorker } from './service-worker/register.ts'
import './styles.css'

// Fetch the page's code while React starts, not after (the two pages most opened first: a
// share link and the start page). Should it fail, the route tries again and shows why.
if (window.location.pathname.startsWith('/b/')) loadBoardPage().catch(() => {})
else if (window.location.pathname === '/') loadStartPage().catch(() => {})

const root = document.getElementById('root')
// The strings of the UI language are a chunk of their own, fetched beside /api/me.
const strings = loadCatalogue(localeStore.get()).then(
  () => true,
  () => false,
)
// Who is signed in decides the participant id a board opens with, so it is known first.
const me = loadMe()
// A board's connection opens now, beside its code: the board arrives while that loads. (A
// chunk of its own, which a board's page preloads: the start page has none of the board.)
// The page the server makes for a board's address has opened it already, sooner, from its
// first script (early.ts); then this finds it open and does nothing.
if (window.location.pathname.startsWith('/b/')) {
  import('./board/open-early.ts').then(
    (module) => module.openBoardEarly(window.location, me),
    () => {
      // Not loaded: the board connects when it opens, as it would without this.
    },
  )
}
void Promise.all([me, strings]).then(([, stringsLoaded]) => {
  if (root) {
    createRoot(root).render(<StrictMode>{stringsLoaded ? <App /> : <AppLoadFailed />}</StrictMode>)
  }
})

// The app shell on the device, so that a reload while the server is down still opens the board.
if (import.meta.env.PROD) registerServiceWorker({ waitForBoard: window.location.pathname.startsWith('/b/') })
