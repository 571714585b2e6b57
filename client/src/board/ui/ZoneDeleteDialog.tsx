import { useRef } from 'react'
import { useStore } from '../../lib/use-store.ts'
import { useT } from '../../i18n/use-t.ts'
import { Dialog } from '../../lib/Dialog.tsx'
import { useBoard } from '../board-context.ts'

/** "Delete this frame?" for a zone that holds notes: the notes stay, and undo brings it back. */
export function ZoneDeleteDialog() {
  const { session, ui, commands } = useBoard()
  const { t } = useT()
  const id = useStore(ui.zoneToDelete)
  const zones = useStore(session.stores.zones)
  const cancel = useRef<HTMLButtonElement>(null)
  const zone = zones.find((z) => z.id === id)
  if (!id || !zone) return null
  const close = () => ui.zoneToDelete.set(null)
  return (
    <Dialog labelledBy="zone-delete-title" onClose={close} initialFocus={cancel}>
      <h2 id="zone-delete-title">{t('zone.delete.title', { title: zone.title || t('zone.newFrame') })}</h2>
      <p>{t('zone.delete.body', { count: commands.notesInZone(zone.id) })}</p>
      <div className="dialog-actions">
        <button type="button" ref={cancel} onClick={close}>
          {t('zone.delete.cancel')}
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => commands.deleteZone(zone.id)}
          data-testid="confirm-delete-zone"
        >
          {t('zone.delete.confirm')}
        </button>
      </div>
    </Dialog>
  )
}
