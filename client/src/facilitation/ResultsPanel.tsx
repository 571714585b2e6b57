import type { BoardContextValue } from '../board/board-context.ts'
import { useNote } from '../board/use-board-data.ts'
import { expand } from '../board/view/geometry.ts'
import { fitRect } from '../board/view/viewport.ts'
import { useT } from '../i18n/use-t.ts'
import { useStore, useStoreSelector } from '../lib/use-store.ts'

const votingOpen = (state: { voting: { open: boolean } }) => state.voting.open

/**
 * The dot vote's ranking, for everyone once the facilitator closes the round: each voted
 * note with its place and dots (equal dots share a place), most first. Each entry shows its
 * note on the board; facilitators can spotlight it for everyone.
 */
export function ResultsPanel({ board, onClose }: { board: BoardContextValue; onClose: () => void }) {
  const { t } = useT()
  const { session } = board
  const open = useStoreSelector(session.stores.session, votingOpen)
  const ranking = useStore(session.votes.ranking)
  return (
    <div className="results-panel" data-testid="results">
      <div className="panel-top">
        <h2>{t('facilitation.results.title')}</h2>
        <button type="button" className="icon-button" onClick={onClose} aria-label={t('common.close')}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      {open ? (
        <p className="muted">{t('facilitation.results.whileOpen')}</p>
      ) : ranking.length === 0 ? (
        <p className="muted">{t('facilitation.results.empty')}</p>
      ) : (
        <>
          <p className="hint">{t('facilitation.results.intro')}</p>
          <ol className="ranking">
            {ranking.map((entry) => (
              <ResultRow
                key={entry.note.id}
                board={board}
                noteId={entry.note.id}
                rank={entry.rank}
                votes={entry.votes}
              />
            ))}
          </ol>
        </>
      )}
    </div>
  )
}

function ResultRow({
  board,
  noteId,
  rank,
  votes,
}: {
  board: BoardContextValue
  noteId: string
  rank: number
  votes: number
}) {
  const { t } = useT()
  const { session, ui, viewport } = board
  const note = useNote(session.stores.notes, noteId)
  useStore(session.stores.session) // silent mode changes what may be shown
  if (!note) return null
  const faceDown = session.rules.visibility(note) === 'face-down'
  const text = faceDown ? t('facilitation.spotlight.faceDown') : note.text.trim() || t('notes.empty')
  const show = () => {
    ui.select([noteId])
    viewport.set(fitRect(expand(note, 160), viewport.size.get(), { maxScale: 1.25 }))
  }
  return (
    <li className={`rank-${Math.min(rank, 4)}`} data-rank={rank} data-votes={votes} data-testid="ranked-note">
      <span className="rank" aria-label={t('facilitation.results.place', { rank })}>
        {rank}
      </span>
      <div className="ranked-body">
        <span className="ranked-text">{text}</span>
        <span className="ranked-votes">{t('facilitation.results.dots', { count: votes })}</span>
        <span className="ranked-actions">
          <button type="button" className="link-button" onClick={show}>
            {t('facilitation.results.show')}
          </button>
          {session.role === 'facilitator' && (
            <button
              type="button"
              className="link-button"
              onClick={() => session.controls.spotlight({ kind: 'note', id: noteId })}
            >
              {t('facilitation.results.spotlight')}
            </button>
          )}
        </span>
      </div>
    </li>
  )
}
