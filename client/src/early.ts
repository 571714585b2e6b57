import { loadMe } from './app/me.ts'
import { openBoardEarly } from './board/open-early.ts'

/**
 * A board address's first script (issue 17, target 4): the server puts it in the page before
 * the app's entry (server/web/board-preload.ts). Its few small modules load and run while the
 * app's entry, React and the board's code still load, so the ticket request, /api/me and the
 * board's socket start tens to hundreds of milliseconds sooner than from the entry, which runs
 * only once all of its static imports are in. The app takes both: loadMe's answer is shared,
 * and the board adopts the socket (board/data/early-connection.ts). Where the page is served
 * without it (the dev server, the service worker's copy of index.html), the entry opens the
 * connection itself (main.tsx), as before.
 */
if (window.location.pathname.startsWith('/b/')) openBoardEarly(window.location, loadMe())
