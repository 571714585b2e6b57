import { useState } from 'react'
import { BrandLink } from '../../app/BrandLink.tsx'
import { useStore } from '../../lib/use-store.ts'
import { useT } from '../../i18n/use-t.ts'
import { LanguageSwitch } from '../../app/LanguageSwitch.tsx'
import { useBoard } from '../board-context.ts'
import { boardPanels, type BoardPanel } from '../extensions.ts'
import { ConnectionStatus } from './ConnectionStatus.tsx'
import { InviteButton } from './InviteButton.tsx'
import { Participants } from './Participants.tsx'
import { SaveStatus } from './SaveStatus.tsx'

/** Title, connection, people, panels and language: the strip above the canvas. */
export function BoardHeader({
  openPanel,
  onTogglePanel,
}: {
  openPanel: string | null
  onTogglePanel: (id: string) => void
}) {
  const board = useBoard()
  const { t } = useT()
  const meta = useStore(board.session.stores.meta)
  const panels = boardPanels.filter((panel) => panel.isAvailable(board))
  const [menuOpen, setMenuOpen] = useState(false)
  return (
    <header className={`board-header${menuOpen ? ' menu-open' : ''}`}>
      <BrandLink />
      <h1 className="board-title">{meta.title || t('board.untitled')}</h1>
      <ConnectionStatus />
      {/* On a phone the rest folds into a menu (styles.css shows this button there only). */}
      <button
        type="button"
        className="header-menu-toggle"
        aria-expanded={menuOpen}
        aria-controls="board-header-menu"
        onClick={() => setMenuOpen(!menuOpen)}
        data-testid="header-menu-toggle"
      >
        {t('a11y.menu')}
      </button>
      <div id="board-header-menu" className="header-menu" data-testid="header-menu">
        <span className="role-badge">{t(`role.${board.session.role}`)}</span>
        <SaveStatus />
        <div className="header-spacer" />
        {panels.map((panel) => (
          <PanelButton
            key={panel.id}
            panel={panel}
            open={openPanel === panel.id}
            onToggle={() => {
              setMenuOpen(false)
              onTogglePanel(panel.id)
            }}
          />
        ))}
        <InviteButton />
        <Participants />
        <LanguageSwitch />
      </div>
    </header>
  )
}

function PanelButton({ panel, open, onToggle }: { panel: BoardPanel; open: boolean; onToggle: () => void }) {
  const board = useBoard()
  const { t } = useT()
  const shown = (panel.useShown ?? alwaysShown)(board)
  if (!shown && !open) return null
  return (
    <button type="button" aria-pressed={open} onClick={onToggle} data-testid={`panel-button-${panel.id}`}>
      {t(panel.title)}
    </button>
  )
}

function alwaysShown(): boolean {
  return true
}
