import { useStore } from '../../lib/use-store.ts'
import { useT } from '../../i18n/use-t.ts'
import { INTL_LOCALES } from '../../i18n/index.ts'
import { useBoard } from '../board-context.ts'
import { useNote } from '../use-board-data.ts'

/** Who wrote the note under the pointer, and when. */
export function AuthorTooltip() {
  const { ui } = useBoard()
  const hover = useStore(ui.hover)
  const drag = useStore(ui.drag)
  const editing = useStore(ui.editingNote)
  if (!hover || drag || editing === hover.noteId) return null
  return <Tooltip noteId={hover.noteId} x={hover.screen.x} y={hover.screen.y} />
}

function Tooltip({ noteId, x, y }: { noteId: string; x: number; y: number }) {
  const { session } = useBoard()
  const { t, locale } = useT()
  const note = useNote(session.stores.notes, noteId)
  useStore(session.stores.session)
  if (!note || session.rules.visibility(note) === 'face-down') return null
  const when =
    note.createdAt > 0
      ? new Intl.DateTimeFormat(INTL_LOCALES[locale], { dateStyle: 'short', timeStyle: 'short' }).format(note.createdAt)
      : ''
  return (
    <div className="author-tooltip" role="tooltip" style={{ transform: `translate(${x + 14}px, ${y + 18}px)` }}>
      {t('note.author', { name: note.authorName || t('note.unknownAuthor') })}
      {when && <span className="muted"> · {when}</span>}
    </div>
  )
}
