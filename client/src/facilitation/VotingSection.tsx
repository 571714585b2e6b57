import { useEffect, useId, useState } from 'react'
import type { BoardContextValue } from '../board/board-context.ts'
import { clampVotesPerPerson, MAX_VOTES_PER_PERSON } from '../board/data/session-controls.ts'
import { useT } from '../i18n/use-t.ts'
import { useStore } from '../lib/use-store.ts'
import { RESULTS_PANEL_ID } from './ids.ts'

/**
 * Dot voting for the facilitator: dots per person (adjustable, also while a round is open),
 * open a round (by default without the last round's dots), see how many have voted — never
 * the totals while it is open — and close it to show everyone the ranking.
 */
export function VotingSection({ board }: { board: BoardContextValue }) {
  const { t } = useT()
  const id = useId()
  const { session } = board
  const state = useStore(session.stores.session)
  const totals = useStore(session.votes.totals)
  const [perPerson, setPerPerson] = useState(state.voting.votesPerPerson)
  const [fresh, setFresh] = useState(true)
  // Follow the board's value when it changes elsewhere (another facilitator tab, a phase).
  useEffect(() => setPerPerson(state.voting.votesPerPerson), [state.voting.votesPerPerson])
  const open = state.voting.open
  const change = (value: number) => {
    const next = clampVotesPerPerson(value)
    setPerPerson(next)
    if (open) session.controls.setVotesPerPerson(next)
  }
  const progress = t('facilitation.voting.progress', { dots: totals.dots, voters: totals.voters })
  return (
    <section className="panel-section" aria-labelledby="panel-voting">
      <h3 id="panel-voting">{t('facilitation.voting.title')}</h3>
      <label htmlFor={`${id}-n`}>{t('facilitation.voting.perPerson')}</label>
      <div className="stepper">
        <button
          type="button"
          onClick={() => change(perPerson - 1)}
          disabled={perPerson <= 1}
          aria-label={t('facilitation.voting.fewer')}
        >
          −
        </button>
        <input
          id={`${id}-n`}
          type="number"
          min={1}
          max={MAX_VOTES_PER_PERSON}
          value={perPerson}
          onChange={(event) => {
            const value = Number(event.target.value)
            if (event.target.value !== '' && Number.isFinite(value)) change(value)
          }}
          data-testid="votes-per-person"
        />
        <button
          type="button"
          onClick={() => change(perPerson + 1)}
          disabled={perPerson >= MAX_VOTES_PER_PERSON}
          aria-label={t('facilitation.voting.more')}
        >
          +
        </button>
      </div>
      {open ? (
        <>
          <p className="status-line" role="status">
            <strong>{t('facilitation.voting.isOpen')}</strong> · {progress}
          </p>
          <button
            type="button"
            className="primary"
            onClick={() => session.controls.closeVoting()}
            data-testid="voting-close"
          >
            {t('facilitation.voting.close')}
          </button>
        </>
      ) : (
        <>
          <p className="hint">{t('facilitation.voting.hint')}</p>
          {totals.dots > 0 && (
            <label className="check">
              <input type="checkbox" checked={fresh} onChange={(event) => setFresh(event.target.checked)} />
              {t('facilitation.voting.fresh')}
            </label>
          )}
          <div className="button-row">
            <button
              type="button"
              className="primary"
              onClick={() => session.controls.openVoting(perPerson, fresh && totals.dots > 0)}
              data-testid="voting-open"
            >
              {t('facilitation.voting.open')}
            </button>
            {totals.dots > 0 && (
              <button type="button" onClick={() => board.ui.openPanel.set(RESULTS_PANEL_ID)}>
                {t('facilitation.voting.showResults')}
              </button>
            )}
          </div>
          {totals.dots > 0 && (
            <button type="button" className="link-button danger" onClick={() => session.controls.clearVotes()}>
              {t('facilitation.voting.clear')}
            </button>
          )}
        </>
      )}
    </section>
  )
}
