import { useCallback, useState } from 'react'
import { votesUsedBy } from '@shared/facilitation/index.ts'
import type { BoardContextValue } from '../board/board-context.ts'
import { useT } from '../i18n/use-t.ts'
import { touchFirst } from '../lib/touch-first.ts'
import { useStore, useStoreSelector } from '../lib/use-store.ts'
import { useNotesOf } from '../board/use-board-data.ts'

/** More dots than this are shown as a number only. */
const MAX_DOTS_DRAWN = 12

/** The vote bar while a round is open (VoteBar.tsx decides when): what each role sees of it. */
export function OpenVoteBar({
  board,
  perPerson,
  locked,
}: {
  board: BoardContextValue
  perPerson: number
  locked: boolean
}) {
  const { t } = useT()
  const [touch] = useState(touchFirst)
  const { session, commands, ui } = board
  const role = session.role
  const totals = useStore(session.votes.totals)
  const me = session.identity.id
  // Dots I gave (shared votesUsedBy), re-read whenever the board's dot count changes.
  const myUsed = useStoreSelector(
    session.votes.totals,
    useCallback(() => votesUsedBy([...session.stores.notes.values()], me), [session, me]),
  )
  const selected = useNotesOf(session.stores.notes, ui.selection)
  const only = selected.length === 1 ? selected[0] : undefined

  if (role === 'viewer') {
    return (
      <section className="vote-bar" aria-label={t('facilitation.vote.barLabel')} data-testid="vote-bar">
        <p>{t('facilitation.vote.viewer')}</p>
      </section>
    )
  }
  const left = Math.max(0, perPerson - myUsed)
  return (
    <section className="vote-bar" aria-label={t('facilitation.vote.barLabel')} data-testid="vote-bar">
      <div className="vote-text">
        {role === 'facilitator' ? (
          <p role="status">
            {t('facilitation.vote.facilitator', {
              progress: t('facilitation.voting.progress', { dots: totals.dots, voters: totals.voters }),
            })}{' '}
            <span className="muted">{t('facilitation.vote.facilitatorVote')}</span>
          </p>
        ) : (
          <p>
            <strong>{t('facilitation.vote.barLabel')}:</strong>{' '}
            {t(touch ? 'facilitation.vote.instructionsTouch' : 'facilitation.vote.instructions')}{' '}
            <span className="muted">{t('facilitation.vote.hidden')}</span>
          </p>
        )}
      </div>
      {role === 'participant' || myUsed > 0 ? (
        <div className="vote-left" data-testid="votes-left" data-left={left}>
          <span className="dots" aria-hidden="true">
            {perPerson <= MAX_DOTS_DRAWN &&
              Array.from({ length: perPerson }, (_, i) => (
                <span
                  key={i}
                  className={i < left ? 'dot-free' : 'dot-used'}
                  style={i < left ? { background: board.identity.get().color } : undefined}
                />
              ))}
          </span>
          <span role="status">{t('facilitation.vote.left', { left, total: perPerson })}</span>
        </div>
      ) : null}
      {only && !locked && (
        <div
          className="vote-selected"
          role="group"
          aria-label={t('facilitation.vote.selected', { count: only.votes[me] ?? 0 })}
        >
          <span>{t('facilitation.vote.selected', { count: only.votes[me] ?? 0 })}</span>
          <button type="button" onClick={() => commands.vote(only.id, 1)} disabled={left === 0} aria-keyshortcuts="V">
            + {t('facilitation.vote.give')}
          </button>
          <button
            type="button"
            onClick={() => commands.vote(only.id, -1)}
            disabled={(only.votes[me] ?? 0) === 0}
            aria-keyshortcuts="Shift+V"
          >
            − {t('facilitation.vote.take')}
          </button>
        </div>
      )}
    </section>
  )
}
