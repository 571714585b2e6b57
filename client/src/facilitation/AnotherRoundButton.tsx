import { useRef, useState } from 'react'
import type { PhaseData } from '@shared/board/index.ts'
import type { BoardContextValue } from '../board/board-context.ts'
import { useT } from '../i18n/use-t.ts'
import { Dialog } from '../lib/Dialog.tsx'
import { useStore } from '../lib/use-store.ts'
import { RESULTS_PANEL_ID } from './ids.ts'

/**
 * "Another round: Dreamer" (the Disney loop). A new round starts clean: the last round's dots
 * and ranks leave the board with it. When there are dots, the facilitator confirms first
 * (the results panel and the exports lose them).
 */
export function AnotherRoundButton({
  board,
  phase,
  title,
}: {
  board: BoardContextValue
  phase: PhaseData
  title: string
}) {
  const { t } = useT()
  const { session, ui } = board
  const totals = useStore(session.votes.totals)
  const [asking, setAsking] = useState(false)
  const cancel = useRef<HTMLButtonElement>(null)
  const start = () => {
    setAsking(false)
    session.controls.anotherRound(phase.id)
    if (ui.openPanel.get() === RESULTS_PANEL_ID) ui.openPanel.set(null)
  }
  return (
    <>
      <button
        type="button"
        onClick={() => (totals.dots > 0 ? setAsking(true) : start())}
        aria-label={t('facilitation.phase.loopNamed', { title })}
        data-testid="phase-loop"
      >
        <span aria-hidden="true">↺</span> {t('facilitation.phase.loop', { title })}
      </button>
      {asking && (
        <Dialog labelledBy="another-round-title" onClose={() => setAsking(false)} initialFocus={cancel}>
          <h2 id="another-round-title">{t('facilitation.round.title', { title })}</h2>
          <p>{t('facilitation.round.body', { dots: totals.dots })}</p>
          <div className="dialog-actions">
            <button type="button" ref={cancel} onClick={() => setAsking(false)}>
              {t('facilitation.round.cancel')}
            </button>
            <button type="button" className="primary" onClick={start} data-testid="confirm-another-round">
              {t('facilitation.round.confirm')}
            </button>
          </div>
        </Dialog>
      )}
    </>
  )
}
