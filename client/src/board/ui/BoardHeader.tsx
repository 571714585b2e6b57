import { useStore } from '../../lib/use-store.ts'
import { useT } from '../../i18n/use-t.ts'
import { Link } from '../../router/router.tsx'
import { LanguageSwitch } from '../../app/LanguageSwitch.tsx'
import { useBoard } from '../board-context.ts'
import { boardPanels, type BoardPanel } from '../extensions.ts'
import { ConnectionStatus } from './ConnectionStatus.tsx'
import { InviteButton } from './InviteDialog.tsx'
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
  return (
    <header className="board-header">
      <Link to="/" className="brand" aria-label={t('nav.home')}>
        Kokeileva
      </Link>
      <h1 className="board-title">{meta.title || t('board.untitled')}</h1>
      <span className="role-badge">{t(`role.${board.session.role}`)}</span>
      <ConnectionStatus />
      <SaveStatus />
      <div className="header-spacer" />
      {panels.map((panel) => (
        <PanelButton
          key={panel.id}
          panel={panel}
          open={openPanel === panel.id}
          onToggle={() => onTogglePanel(panel.id)}
        />
      ))}
      <InviteButton />
      <Participants />
      <LanguageSwitch />
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
