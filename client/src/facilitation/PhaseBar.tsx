import { useEffect, useRef, useState } from 'react'
import { currentPhase, phaseNavigation } from '@shared/facilitation/index.ts'
import type { BoardContextValue } from '../board/board-context.ts'
import { useT } from '../i18n/use-t.ts'
import { useStore } from '../lib/use-store.ts'
import { openZonesOf, phasePrompt, phaseTitle, useTemplateTexts, zoneTitle } from './phase-text.ts'
import { SoundToggle, TimerChip } from './TimerChip.tsx'
import { lazyPart } from '../app/lazy.tsx'

// The facilitator's buttons load for the facilitator only: a participant's first load is
// smaller without them (issue 17).
const TimerControls = lazyPart(() => import('./TimerControls.tsx').then((module) => module.TimerControls), {
  quiet: true,
})
const AnotherRoundButton = lazyPart(
  () => import('./AnotherRoundButton.tsx').then((module) => module.AnotherRoundButton),
  { quiet: true },
)

/** How long the bar stays highlighted after the phase changes. */
const PHASE_HIGHLIGHT_MS = 2500

/**
 * The strip everyone sees under the header: which phase the session is in, its instructions,
 * where to write, and the countdown. Facilitators also get the controls they reach for most:
 * previous / next phase (and the Disney loop back to the Dreamer) and the timer.
 */
export function PhaseBar({ board }: { board: BoardContextValue }) {
  const { t, locale } = useT()
  useTemplateTexts()
  const { session } = board
  const state = useStore(session.stores.session)
  const phases = useStore(session.stores.phases)
  const meta = useStore(session.stores.meta)
  const zones = useStore(session.stores.zones)
  const timer = useStore(session.countdown.view)
  const [promptOpen, setPromptOpen] = useState(true)
  const [justChanged, setJustChanged] = useState(false)
  const phase = currentPhase(phases, state)
  const seenPhase = useRef(phase?.id)
  // Each new phase shows its instructions again, and the bar lights up briefly so that
  // people looking at their notes notice the change.
  useEffect(() => {
    setPromptOpen(true)
    const previous = seenPhase.current
    seenPhase.current = phase?.id
    // Not for the phase the board opened in (undefined until the board has loaded).
    if (previous === undefined || previous === phase?.id) return
    setJustChanged(true)
    const timeout = setTimeout(() => setJustChanged(false), PHASE_HIGHLIGHT_MS)
    return () => clearTimeout(timeout)
  }, [phase?.id])
  if (!phase && timer.status === 'idle') return null

  const facilitator = session.role === 'facilitator'
  const navigation = phaseNavigation(phases, state.phase)
  const title = phase ? phaseTitle(phase, meta, locale) : null
  const prompt = phase ? phasePrompt(phase, meta, locale) : null
  const open = openZonesOf(phase, zones)
  const titleOf = (id: string | undefined) => {
    const target = phases.find((candidate) => candidate.id === id)
    return target ? phaseTitle(target, meta, locale).text : ''
  }
  return (
    <section
      className={`phase-bar${justChanged ? ' phase-changed' : ''}`}
      aria-label={t('facilitation.phase.label')}
      data-testid="phase-bar"
      data-phase={phase?.id ?? ''}
    >
      <div className="phase-main">
        {phase && title && (
          <div className="phase-heading">
            {navigation.index >= 0 && (
              <span className="phase-step">
                {t('facilitation.phase.step', { n: navigation.index + 1, count: phases.length })}
              </span>
            )}
            <h2 className="phase-title" lang={title.lang} data-testid="phase-title">
              {title.text}
            </h2>
            {prompt?.text && (
              <button
                type="button"
                className="link-button"
                aria-expanded={promptOpen}
                aria-controls="phase-prompt"
                onClick={() => setPromptOpen(!promptOpen)}
              >
                {promptOpen ? t('facilitation.phase.hidePrompt') : t('facilitation.phase.showPrompt')}
              </button>
            )}
          </div>
        )}
        {prompt?.text && promptOpen && (
          <p id="phase-prompt" className="phase-prompt" lang={prompt.lang}>
            {prompt.text}
          </p>
        )}
        {/* While a vote is open nobody writes: the line says so rather than going (and moving the board). */}
        {open && session.role !== 'viewer' && (
          <p className="phase-zones" data-testid="phase-zones">
            {state.voting.open
              ? t('facilitation.phase.votingNow')
              : open.length === 0
                ? t('facilitation.phase.noZonesOpen')
                : t('facilitation.phase.openZones', {
                    zones: open.map((zone) => zoneTitle(zone, meta, locale).text).join(', '),
                  })}
          </p>
        )}
        {/* Said once to screen readers when the phase changes (the heading itself is not live). */}
        <span className="visually-hidden" role="status">
          {title ? t('facilitation.phase.changed', { title: title.text }) : ''}
        </span>
      </div>
      <div className="phase-side">
        <div className="timer-row">
          <TimerChip board={board} />
          {facilitator && <TimerControls board={board} />}
          {(timer.status !== 'idle' || facilitator) && <SoundToggle />}
        </div>
        {facilitator && phase && (
          <div className="phase-nav" role="group" aria-label={t('facilitation.phase.listTitle')}>
            <button
              type="button"
              disabled={!navigation.previous}
              onClick={() => navigation.previous && session.controls.enterPhase(navigation.previous.id)}
              aria-label={
                navigation.previous
                  ? t('facilitation.phase.previousNamed', { title: titleOf(navigation.previous.id) })
                  : t('facilitation.phase.previous')
              }
              title={t('facilitation.phase.previous')}
              data-testid="phase-previous"
            >
              <span aria-hidden="true">‹</span>
            </button>
            {navigation.loopTo && (
              <AnotherRoundButton board={board} phase={navigation.loopTo} title={titleOf(navigation.loopTo.id)} />
            )}
            {navigation.next ? (
              <button
                type="button"
                className="primary"
                onClick={() => navigation.next && session.controls.enterPhase(navigation.next.id)}
                // The visible words are the name (WCAG 2.5.3); what the press does is the description.
                title={t('facilitation.phase.nextNamed', { title: titleOf(navigation.next.id) })}
                data-testid="phase-next"
              >
                {t('facilitation.phase.next', { title: titleOf(navigation.next.id) })} <span aria-hidden="true">›</span>
              </button>
            ) : (
              <span className="muted phase-last">{t('facilitation.phase.last')}</span>
            )}
          </div>
        )}
      </div>
    </section>
  )
}
