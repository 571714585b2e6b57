import { useStore } from '../../lib/use-store.ts'
import { useT } from '../../i18n/use-t.ts'
import { useBoard } from '../board-context.ts'

/** Connected, connecting, unreachable, reconnecting or offline, always visible; announced politely when it changes. */
export function ConnectionStatus() {
  const { session } = useBoard()
  const { t } = useT()
  const state = useStore(session.connection)
  // With unsaved edits the save status next to this says where they are; saying it twice is noise.
  const unsavedShown = useStore(session.saves.status) === 'offline-unsaved' && session.role !== 'viewer'
  const label =
    state.kind === 'connected'
      ? t('connection.connected')
      : state.kind === 'connecting'
        ? t('connection.connecting')
        : state.kind === 'unreachable'
          ? t('connection.unreachable')
          : state.kind === 'offline'
            ? t('connection.offline')
            : state.kind === 'reconnecting'
              ? state.boardFull
                ? t('connection.full')
                : t('connection.reconnecting')
              : t('connection.refused')
  const hint =
    (state.kind === 'offline' || state.kind === 'reconnecting' || state.kind === 'unreachable') && !unsavedShown
      ? t('connection.keptLocally')
      : ''
  return (
    <span
      className={`connection connection-${state.kind}`}
      role="status"
      aria-live="polite"
      data-testid="connection"
      data-state={state.kind}
    >
      <span className="dot" aria-hidden="true" />
      <span className="connection-label">{label}</span>
      {hint && <span className="connection-hint"> — {hint}</span>}
    </span>
  )
}
