import { useStore, useStoreSelector } from '../../lib/use-store.ts'
import { useT } from '../../i18n/use-t.ts'
import { useBoard } from '../board-context.ts'
import { useNote } from '../use-board-data.ts'
import { boardToScreen } from '../view/viewport.ts'

/** The note editor's description, when there is one (aria-describedby may name a missing id). */
export const SILENT_EDIT_HINT_ID = 'note-editor-hint'

const isSilent = (session: { silent: boolean }) => session.silent

/**
 * Under the note being edited while the session is silent: silent mode keeps private only new
 * notes (in the writer's draft), so a note already on the board changes for everyone as it is
 * typed, and the writer should know.
 */
export function SilentEditHint({ id }: { id: string }) {
  const { session, viewport } = useBoard()
  const { t } = useT()
  const note = useNote(session.stores.notes, id)
  const view = useStore(viewport)
  const silent = useStoreSelector(session.stores.session, isSilent)
  if (!note || !silent || session.stores.notes.isDraft(id)) return null
  const topLeft = boardToScreen(view, note)
  return (
    <p
      id={SILENT_EDIT_HINT_ID}
      className="note-editor-hint"
      role="note"
      data-testid="editor-silent-public"
      style={{ left: topLeft.x, top: topLeft.y + note.height * view.scale + 6 }}
    >
      {t('editor.silentPublic')}
    </p>
  )
}
