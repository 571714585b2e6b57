import { useId } from 'react'
import type { BoardContextValue } from '../board/board-context.ts'
import { useT } from '../i18n/use-t.ts'
import { useStore } from '../lib/use-store.ts'
import { AttentionSection } from './AttentionSection.tsx'
import { ImportNotesSection } from './ImportNotesSection.tsx'
import { phaseTitle, useTemplateTexts } from './phase-text.ts'
import { SaveTemplateSection } from './SaveTemplateSection.tsx'
import { SoundToggle, TimerChip } from './TimerChip.tsx'
import { TimerControls } from './TimerControls.tsx'
import { VotingSection } from './VotingSection.tsx'

/**
 * The facilitator's side panel: every session control in one column, in the order a session
 * uses them — phases, timer, the board's modes (lock, silent), dot voting, everyone's
 * attention (follow, spotlight), and saving the board as a template.
 */
export function FacilitatorPanel({ board, onClose }: { board: BoardContextValue; onClose: () => void }) {
  const { t } = useT()
  return (
    <div className="facilitator-panel">
      <div className="panel-top">
        <h2>{t('facilitation.panel.title')}</h2>
        <button type="button" className="icon-button" onClick={onClose} aria-label={t('facilitation.panel.close')}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <PhasesSection board={board} />
      <section className="panel-section" aria-labelledby="panel-timer">
        <h3 id="panel-timer">{t('facilitation.timer.title')}</h3>
        <div className="timer-row">
          <TimerChip board={board} />
          <SoundToggle />
        </div>
        <TimerControls board={board} full />
      </section>
      <ModesSection board={board} />
      <VotingSection board={board} />
      <AttentionSection board={board} />
      <ImportNotesSection board={board} />
      <SaveTemplateSection board={board} />
    </div>
  )
}

function PhasesSection({ board }: { board: BoardContextValue }) {
  const { t, locale } = useT()
  useTemplateTexts()
  const { session } = board
  const phases = useStore(session.stores.phases)
  const meta = useStore(session.stores.meta)
  const state = useStore(session.stores.session)
  return (
    <section className="panel-section" aria-labelledby="panel-phases">
      <h3 id="panel-phases">{t('facilitation.phase.listTitle')}</h3>
      {phases.length === 0 ? (
        <p className="muted">{t('facilitation.phase.none')}</p>
      ) : (
        <>
          <p className="hint">{t('facilitation.phase.listHint')}</p>
          <ol className="phase-list">
            {phases.map((phase) => {
              const current = phase.id === state.phase
              const title = phaseTitle(phase, meta, locale)
              return (
                <li key={phase.id}>
                  <button
                    type="button"
                    aria-current={current ? 'step' : undefined}
                    className={current ? 'current' : undefined}
                    onClick={() => session.controls.enterPhase(phase.id)}
                  >
                    <span className="phase-name">
                      <span lang={title.lang}>{title.text}</span>
                      {phase.minutes > 0 && (
                        <span className="muted"> · {t('facilitation.phase.minutes', { minutes: phase.minutes })}</span>
                      )}
                    </span>
                    {current && (
                      <>
                        {' '}
                        <span className="phase-now">{t('facilitation.phase.current')}</span>
                      </>
                    )}
                  </button>
                </li>
              )
            })}
          </ol>
        </>
      )}
    </section>
  )
}

/** A labelled on/off switch with its explanation. */
export function Switch({
  label,
  hint,
  checked,
  onChange,
  testId,
}: {
  label: string
  hint: string
  checked: boolean
  onChange: (on: boolean) => void
  testId?: string
}) {
  const id = useId()
  return (
    <div className="switch-row">
      <button
        id={`${id}-switch`}
        type="button"
        role="switch"
        aria-checked={checked}
        aria-describedby={`${id}-hint`}
        className="switch"
        onClick={() => onChange(!checked)}
        data-testid={testId}
      >
        <span className="switch-knob" aria-hidden="true" />
      </button>
      <div>
        {/* A real label: clicking the words flips the switch, as with every toggle. */}
        <label htmlFor={`${id}-switch`} className="switch-label">
          {label}
        </label>
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      </div>
    </div>
  )
}

function ModesSection({ board }: { board: BoardContextValue }) {
  const { t } = useT()
  const { session } = board
  const state = useStore(session.stores.session)
  const waiting = useStore(session.presence.waitingDrafts)
  return (
    <section className="panel-section" aria-labelledby="panel-modes">
      <h3 id="panel-modes">{t('facilitation.modes.title')}</h3>
      <Switch
        label={t('facilitation.lock.label')}
        hint={t('facilitation.lock.hint')}
        checked={state.locked}
        onChange={(on) => session.controls.setLocked(on)}
        testId="lock-switch"
      />
      <Switch
        label={t('facilitation.silent.label')}
        hint={t('facilitation.silent.hint')}
        checked={state.silent}
        onChange={(on) => session.controls.setSilent(on)}
        testId="silent-switch"
      />
      {state.silent && (
        <>
          <p className="hint" data-testid="drafts-waiting">
            {t('drafts.waiting', { count: waiting })}
          </p>
          <button type="button" className="primary" onClick={() => session.controls.setSilent(false)}>
            {t('facilitation.silent.reveal')}
          </button>
        </>
      )}
      <details className="explain">
        <summary>{t('facilitation.silent.detailsSummary')}</summary>
        <p>{t('facilitation.silent.detailsScreen')}</p>
        <p>{t('facilitation.silent.detailsChanges')}</p>
        <p>{t('facilitation.silent.detailsNotHidden')}</p>
      </details>
    </section>
  )
}
