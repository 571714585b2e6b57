import { useEffect } from 'react'
import { useStore } from '../../lib/use-store.ts'
import { useT } from '../../i18n/use-t.ts'
import { useBoard } from '../board-context.ts'
import { shouldWarnBeforeUnload } from '../data/save-status.ts'
import type { BoardSession } from '../data/board-session.ts'

/**
 * Whether this device's edits are on the server: "Saved" only once the server confirmed them
 * durable (see SaveTracker). Hidden for viewers, who make no edits.
 */
export function SaveStatus() {
  const { session } = useBoard()
  const { t } = useT()
  const status = useStore(session.saves.status)
  const persistence = useStore(session.localPersistence)
  const localPending = useStore(session.localWrites.pending)
  useUnsavedWarning(session)
  if (session.role === 'viewer') return null
  const label =
    status === 'saved'
      ? t('save.saved')
      : status === 'saving'
        ? t('save.saving')
        : persistence !== 'ready'
          ? t('save.offlineKeepOpen')
          : localPending
            ? t('save.offlineSavingLocally')
            : t('save.offlineKeptLocally')
  return (
    <span
      className={`save-status save-${status}`}
      role="status"
      aria-live="polite"
      data-testid="save-status"
      data-state={status}
      data-local={localPending ? 'pending' : 'kept'}
      title={label}
    >
      {label}
    </span>
  )
}

/** Asks before the page is closed while leaving could lose edits (shouldWarnBeforeUnload). */
function useUnsavedWarning(session: BoardSession): void {
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      const warn = shouldWarnBeforeUnload(
        session.saves.status.get(),
        session.localPersistence.get(),
        session.saves.unsavedSince,
        Date.now(),
        session.localWrites.pending.get(),
      )
      if (!warn) return
      event.preventDefault()
      // Older browsers show the dialog only when returnValue is set (its text is ignored).
      event.returnValue = ''
    }
    window.addEventListener('beforeunload', onBeforeUnload)
    return () => window.removeEventListener('beforeunload', onBeforeUnload)
  }, [session])
}
