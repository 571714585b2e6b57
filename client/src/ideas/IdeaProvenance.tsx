import type { IdeaDetail, IdeaSource } from '@shared/api/ideas.ts'
import { boardFocusLink } from '../board/focus-link.ts'
import { knownBoards } from '../device/known-boards.ts'
import { useT } from '../i18n/use-t.ts'
import { useStore } from '../lib/use-store.ts'
import { Link } from '../router/router.tsx'
import { formatDateTime, methodName } from './format.ts'

/**
 * Where the idea came from: the board, the method, and the notes as they were when they were
 * promoted (text, zone, session votes, author) — then the notes of later sessions linked to it.
 */
export function IdeaProvenance({ idea }: { idea: IdeaDetail }) {
  const { t } = useT()
  return (
    <section aria-labelledby="provenance-title" className="provenance">
      <h2 id="provenance-title">{t('ideas.provenanceTitle')}</h2>
      <SourceBlock
        source={idea.source}
        lead="ideas.promotedFrom"
        deletedAt={idea.deletedBoards?.[idea.source.boardId]}
      />
      {idea.links.length > 0 && (
        <>
          <h3>{t('ideas.linkedTitle')}</h3>
          {idea.links.map((source) => (
            <SourceBlock
              key={`${source.boardId}:${source.noteIds.join(',')}`}
              source={source}
              lead="ideas.linkedFrom"
              deletedAt={idea.deletedBoards?.[source.boardId]}
            />
          ))}
        </>
      )}
    </section>
  )
}

function SourceBlock({
  source,
  lead,
  deletedAt,
}: {
  source: IdeaSource
  lead: 'ideas.promotedFrom' | 'ideas.linkedFrom'
  /** When the board was deleted; the notes below are kept with the idea. */
  deletedAt?: number | undefined
}) {
  const { t, locale } = useT()
  const zones = new Map(source.zones.map((zone) => [zone.id, zone.title]))
  return (
    <div className="source-block" data-board={source.boardId}>
      <p>
        {t(lead, {
          board: source.boardTitle || t('board.untitled'),
          method: methodName(source.method, locale),
          date: formatDateTime(source.promotedAt, locale),
        })}
      </p>
      {deletedAt === undefined ? (
        <BoardLinkBack boardId={source.boardId} boardTitle={source.boardTitle} noteIds={source.noteIds} />
      ) : (
        <p className="muted" data-testid="board-deleted">
          {t('ideas.boardDeleted', { date: formatDateTime(deletedAt, locale) })}
        </p>
      )}
      <ul className="source-notes" aria-label={t('ideas.sourceNotes')}>
        {source.notes.map((note) => (
          <li key={note.id}>
            <p className="pre-wrap">{note.text || t('notes.empty')}</p>
            <p className="muted source-note-meta">
              {note.zone && zones.get(note.zone) && <span>{zones.get(note.zone)}</span>}
              <span>{t('ideas.votes', { count: note.votes })}</span>
              {note.authorName && <span>{note.authorName}</span>}
            </p>
          </li>
        ))}
      </ul>
    </div>
  )
}

/**
 * The way back to the notes on their board. The registry needs no board token, but the board
 * does: the link works on a device that has opened that board (its token is kept there).
 */
function BoardLinkBack({
  boardId,
  boardTitle,
  noteIds,
}: {
  boardId: string
  boardTitle: string
  noteIds: readonly string[]
}) {
  const { t } = useT()
  const known = useStore(knownBoards).find((board) => board.id === boardId)
  if (!known) {
    return (
      <p className="notice" role="note" data-testid="board-link-unavailable">
        {t('ideas.noBoardLink', { board: boardTitle || t('board.untitled') })}
      </p>
    )
  }
  return (
    <p>
      <Link to={boardFocusLink(boardId, noteIds)} className="button" data-testid="board-link">
        {t('ideas.openBoardAtNotes')}
      </Link>{' '}
      <span className="muted">{t('ideas.openBoardRole', { role: t(`role.${known.role}`) })}</span>
    </p>
  )
}
