import { useCallback, useEffect, useState } from 'react'
import { tokenFromHash } from '@shared/links.ts'
import { CloseCode, CloseReason } from '@shared/protocol.ts'
import { syncUrlFor } from '../api/http.ts'
import { findKnownBoard, rememberBoard, renameKnownBoard, watchStoredToken } from '../device/known-boards.ts'
import { learnParticipantLink, showBoardInAddressBar } from './share-address.ts'
import { useT } from '../i18n/use-t.ts'
import { useStore, useStoreSelector } from '../lib/use-store.ts'
import { lazyPart } from '../app/lazy.tsx'
import { Link } from '../router/router.tsx'
import { identityStore } from '../app/identity.ts'
import { meStore, mustSignInToJoin } from '../app/me.ts'
import { NamePrompt } from './ui/NamePrompt.tsx'
import { BoardContext, useBoard, type BoardContextValue } from './board-context.ts'
import { BoardCanvas } from './canvas/BoardCanvas.tsx'
import { createBoardContext } from './create-board-context.ts'
import { boardOverlays, boardPanels, boardStrips, canvasOverlays } from './extensions.ts'
import { exposeForTests } from './debug-handle.ts'
import { focusIdsFrom } from './focus-link.ts'
import { AuthorTooltip } from './ui/AuthorTooltip.tsx'
import { Banners } from './ui/Banners.tsx'
import { BoardHeader } from './ui/BoardHeader.tsx'
import { Cursors } from './ui/Cursors.tsx'
import { DropCueLabel } from './ui/DropCueLabel.tsx'
import { EmptyBoardHint } from './ui/EmptyBoardHint.tsx'
import { NoteEditorHost } from './ui/NoteEditor.tsx'
import { RevealAnnouncement } from './ui/RevealAnnouncement.tsx'
import { SkipLink } from './ui/SkipLink.tsx'
import { CollapsibleStrips } from './ui/CollapsibleStrips.tsx'
import { Toasts } from './ui/Toasts.tsx'
import { Toolbar } from './ui/Toolbar.tsx'
import { ZoneTitleEditor } from './ui/ZoneTitleEditor.tsx'
import { useInitialView } from './use-initial-view.ts'
// Board features register their panels, strips and actions; loaded with the board page, so
// the start page stays free of the board's code.
import '../extensions.ts'

// What a board shows only on a key, a click or a refusal loads when first shown: the first
// view of a board does not wait for it (issue 17, test/integration/bundle-budget.test.ts).
const FindBar = lazyPart(() => import('./find/FindBar.tsx').then((module) => module.FindBar), { quiet: true })
const ShortcutsPanel = lazyPart(() => import('./ui/ShortcutsPanel.tsx').then((module) => module.ShortcutsPanel), {
  quiet: true,
})
const ZoneDeleteDialog = lazyPart(() => import('./ui/ZoneDeleteDialog.tsx').then((module) => module.ZoneDeleteDialog), {
  quiet: true,
})
// The minimap is drawn after the board: the first view is the canvas itself.
const Minimap = lazyPart(() => import('./ui/Minimap.tsx').then((module) => module.Minimap), { quiet: true })
const RefusedScreen = lazyPart(() => import('./ui/RefusedScreen.tsx').then((module) => module.RefusedScreen))
const SignInToJoin = lazyPart(() => import('./ui/SignInToJoin.tsx').then((module) => module.SignInToJoin))

/**
 * `/b/:boardId#token=…`. The token from the fragment is kept for this board on this device
 * (a token of a greater role kept there wins) and the board opens with the device's token;
 * the address bar then shows the link this user may share (share-address.ts), never a
 * facilitator's own.
 */
export function BoardPage({ boardId }: { boardId: string }) {
  const { t } = useT()
  const [token] = useState(() => {
    const fromLink = tokenFromHash(window.location.hash)
    const known = findKnownBoard(boardId)
    const entry = fromLink ? rememberBoard(boardId, fromLink) : known ? rememberBoard(boardId, known.token) : null
    // A token for another board, or no token at all: the server or the page below says so.
    if (!entry) return fromLink
    showBoardInAddressBar(boardId)
    return entry.token
  })
  const me = useStore(meStore)
  if (!token) {
    return (
      <main className="page narrow">
        <h1>{t('board.noToken.title')}</h1>
        <p>{t('board.noToken.body')}</p>
        <Link to="/">{t('nav.home')}</Link>
      </main>
    )
  }
  // The link is kept on this device (above): after signing in, /b/:id opens with it.
  if (mustSignInToJoin(me)) return <SignInToJoin boardId={boardId} />
  return <OpenBoard key={boardId} boardId={boardId} token={token} />
}

function OpenBoard({ boardId, token }: { boardId: string; token: string }) {
  const [board, setBoard] = useState<BoardContextValue | null>(null)
  useEffect(() => {
    const created = createBoardContext(boardId, token, syncUrlFor(window.location), identityStore)
    setBoard(created.value)
    const unexpose = exposeForTests(created.value)
    const stopLearning = learnParticipantLink(created.value.session)
    // Another tab reset this facilitator's own link: this one takes the new token too.
    const stopWatching = watchStoredToken(boardId, (stored) => created.value.session.adoptToken(stored))
    return () => {
      stopWatching()
      stopLearning()
      unexpose()
      created.destroy()
    }
  }, [boardId, token])
  if (!board) return null
  return (
    <BoardContext.Provider value={board}>
      <BoardScreen />
    </BoardContext.Provider>
  )
}

/** Below this window width a panel would squeeze the canvas: none opens by itself. */
const PANEL_MIN_SCREEN_PX = 1000

function BoardScreen() {
  const board = useBoard()
  const { t } = useT()
  const connection = useStore(board.session.connection)
  const meta = useStore(board.session.stores.meta)
  const openPanel = useStore(board.ui.openPanel)
  const findOpen = useStoreSelector(board.find.state, isOpen)
  const shortcutsOpen = useStore(board.ui.shortcutsOpen)
  const zoneToDelete = useStore(board.ui.zoneToDelete)
  // `?focus=<noteIds>` (links from the idea registry): open centred on those notes.
  const [focusIds] = useState(() => focusIdsFrom(window.location.search))
  const [focusMissing, setFocusMissing] = useState(false)
  useInitialView(
    board,
    focusIds,
    useCallback(() => setFocusMissing(true), []),
  )
  useEffect(() => {
    if (board.ui.openPanel.get() !== null || window.innerWidth < PANEL_MIN_SCREEN_PX) return
    const first = boardPanels.find((p) => p.isAvailable(board) && p.openInitially?.(board))
    if (first) board.ui.openPanel.set(first.id)
  }, [board])
  useEffect(() => {
    if (meta.title) {
      renameKnownBoard(board.session.boardId, meta.title)
      document.title = `${meta.title} · Kokeileva`
    }
  }, [meta.title, board])
  if (connection.kind === 'refused') {
    // The session ended while the page was open (or was never there): the link itself is fine.
    if (connection.code === CloseCode.Unauthorized && connection.reason === CloseReason.SignInRequired)
      return <SignInToJoin boardId={board.session.boardId} />
    return <RefusedScreen code={connection.code} reason={connection.reason} />
  }
  const panel = boardPanels.find((p) => p.id === openPanel && p.isAvailable(board))
  const strips = boardStrips.filter((strip) => strip.isAvailable(board))
  return (
    <div className="board-page">
      <SkipLink />
      <BoardHeader
        openPanel={openPanel}
        onTogglePanel={(id) => board.ui.openPanel.update((open) => (open === id ? null : id))}
      />
      <main className="board-body" aria-label={meta.title || t('board.untitled')}>
        <CollapsibleStrips>
          {strips
            .filter((strip) => !strip.overCanvas)
            .map((strip) => (
              <strip.component key={strip.id} board={board} />
            ))}
          <Toolbar />
        </CollapsibleStrips>
        <div className="board-main">
          <div className="canvas-area">
            <BoardCanvas>
              <Cursors />
              <NoteEditorHost />
              <ZoneTitleEditor />
              <AuthorTooltip />
              <DropCueLabel />
              <EmptyBoardHint />
            </BoardCanvas>
            {/* Banners and chips that come and go lie over the canvas: they never move the board. */}
            <div className="canvas-top" data-testid="canvas-top">
              {findOpen && <FindBar />}
              <Banners />
              {focusMissing && <FocusMissingBanner onClose={() => setFocusMissing(false)} />}
              {strips
                .filter((strip) => strip.overCanvas)
                .map((strip) => (
                  <strip.component key={strip.id} board={board} />
                ))}
              {canvasOverlays.map((overlay) => (
                <overlay.component key={overlay.id} board={board} />
              ))}
            </div>
            <Minimap />
          </div>
          {panel && (
            // A region of the main content rather than an <aside> (complementary landmarks
            // belong at the top level; this one sits beside the canvas it is about).
            <section className="board-panel" aria-label={t(panel.title)} data-testid={`panel-${panel.id}`}>
              <panel.component board={board} onClose={() => board.ui.openPanel.set(null)} />
            </section>
          )}
        </div>
      </main>
      <RevealAnnouncement />
      {shortcutsOpen && <ShortcutsPanel />}
      {zoneToDelete !== null && <ZoneDeleteDialog />}
      {boardOverlays.map((overlay) => (
        <overlay.component key={overlay.id} board={board} />
      ))}
      <NamePrompt />
      <Toasts />
    </div>
  )
}

const isOpen = (state: { open: boolean }) => state.open

function FocusMissingBanner({ onClose }: { onClose: () => void }) {
  const { t } = useT()
  return (
    <div className="banner banner-locked" role="note" data-testid="focus-missing-banner">
      {t('ideas.focusMissing')}{' '}
      <button type="button" className="link-button" onClick={onClose}>
        {t('common.close')}
      </button>
    </div>
  )
}
