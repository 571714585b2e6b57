import { useId, useState } from 'react'
import { currentPhase } from '@shared/facilitation/index.ts'
import type { BoardContextValue } from '../board/board-context.ts'
import { useT } from '../i18n/use-t.ts'
import { useStore } from '../lib/use-store.ts'

const MINUTE_MS = 60_000
/** A timer started where the phase suggests no length. */
const DEFAULT_MINUTES = 5
const MAX_MINUTES = 240

/** The facilitator's timer buttons: start / pause, and time added or taken off. */
export function TimerControls({ board, full = false }: { board: BoardContextValue; full?: boolean }) {
  const { t } = useT()
  const { session } = board
  const view = useStore(session.countdown.view)
  const phases = useStore(session.stores.phases)
  const state = useStore(session.stores.session)
  const phaseMinutes = currentPhase(phases, state)?.minutes ?? 0
  const fallbackMs = (phaseMinutes > 0 ? phaseMinutes : DEFAULT_MINUTES) * MINUTE_MS
  const running = view.status === 'running'
  const startLabel =
    view.status === 'paused'
      ? t('facilitation.timer.resume')
      : view.status === 'ended'
        ? t('facilitation.timer.restart')
        : t('facilitation.timer.start')
  const buttons = (
    <div className="timer-controls" role="group" aria-label={t('facilitation.timer.title')}>
      {running ? (
        <button
          type="button"
          onClick={() => session.controls.pauseTimer()}
          aria-label={t('facilitation.timer.pauseNamed')}
          data-testid="timer-pause"
        >
          <span aria-hidden="true">❚❚</span> {t('facilitation.timer.pause')}
        </button>
      ) : (
        <button
          type="button"
          className="primary"
          onClick={() => session.controls.startTimer(fallbackMs)}
          aria-label={t('facilitation.timer.startNamed')}
          data-testid="timer-start"
        >
          <span aria-hidden="true">▶</span> {startLabel}
        </button>
      )}
      {full && view.status !== 'idle' && (
        <button
          type="button"
          onClick={() => session.controls.addTime(-MINUTE_MS)}
          aria-label={t('facilitation.timer.subtractNamed')}
        >
          {t('facilitation.timer.subtract')}
        </button>
      )}
      <button
        type="button"
        onClick={() => session.controls.addTime(MINUTE_MS)}
        aria-label={t('facilitation.timer.addNamed', { minutes: 1 })}
      >
        {t('facilitation.timer.add', { minutes: 1 })}
      </button>
      {full && (
        <button
          type="button"
          onClick={() => session.controls.addTime(5 * MINUTE_MS)}
          aria-label={t('facilitation.timer.addNamed', { minutes: 5 })}
        >
          {t('facilitation.timer.add', { minutes: 5 })}
        </button>
      )}
    </div>
  )
  if (!full) return buttons
  return (
    <>
      {buttons}
      <SetMinutes board={board} initial={phaseMinutes || DEFAULT_MINUTES} />
    </>
  )
}

function SetMinutes({ board, initial }: { board: BoardContextValue; initial: number }) {
  const { t } = useT()
  const id = useId()
  const [minutes, setMinutes] = useState(String(initial))
  return (
    <form
      className="inline-form"
      onSubmit={(event) => {
        event.preventDefault()
        const value = Number(minutes.replace(',', '.'))
        if (Number.isFinite(value) && value > 0)
          board.session.controls.setTimer(Math.min(MAX_MINUTES, value) * MINUTE_MS)
      }}
    >
      <label htmlFor={id}>{t('facilitation.timer.minutes')}</label>
      <div className="inline-row">
        <input
          id={id}
          type="number"
          inputMode="decimal"
          min={0.5}
          max={MAX_MINUTES}
          step={0.5}
          value={minutes}
          onChange={(event) => setMinutes(event.target.value)}
        />
        <button type="submit">{t('facilitation.timer.set')}</button>
      </div>
    </form>
  )
}
