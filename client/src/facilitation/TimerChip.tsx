import { useEffect, useState } from 'react'
import { formatRemaining } from '@shared/facilitation/index.ts'
import type { BoardContextValue } from '../board/board-context.ts'
import { useT } from '../i18n/use-t.ts'
import { useStore } from '../lib/use-store.ts'
import { endChime } from './chime.ts'

/** How long the gentle end signal stays on screen. */
const RINGING_MS = 12_000

/**
 * The countdown everyone sees (from the session's timer and the server's clock), with the
 * end signal: the chip glows softly for a while, a screen reader hears it once, and a soft
 * sound plays where the user turned it on.
 */
export function TimerChip({ board }: { board: BoardContextValue }) {
  const { t } = useT()
  const view = useStore(board.session.countdown.view)
  const [ringing, setRinging] = useState(false)

  useEffect(() => {
    let timeout: ReturnType<typeof setTimeout> | null = null
    const off = board.session.countdown.ended.on(() => {
      setRinging(true)
      endChime().play()
      if (timeout) clearTimeout(timeout)
      timeout = setTimeout(() => setRinging(false), RINGING_MS)
    })
    return () => {
      off()
      if (timeout) clearTimeout(timeout)
    }
  }, [board])
  // A new countdown (time added, next phase) ends the signal.
  useEffect(() => {
    if (view.status !== 'ended') setRinging(false)
  }, [view.status])

  if (view.status === 'idle') return null
  const state =
    view.status === 'paused'
      ? t('facilitation.timer.paused')
      : view.status === 'ready'
        ? t('facilitation.timer.ready')
        : view.status === 'ended'
          ? t('facilitation.timer.ended')
          : ''
  return (
    <div
      className={`timer timer-${view.status}${ringing ? ' timer-ringing' : ''}`}
      role="timer"
      aria-label={t('facilitation.timer.label')}
      data-testid="timer"
      data-status={view.status}
    >
      <span className="timer-time" data-testid="timer-time">
        {formatRemaining(view.remainingMs)}
      </span>
      {state && <span className="timer-state">{state}</span>}
      <span className="visually-hidden" role="status">
        {ringing ? t('facilitation.timer.endedAnnouncement') : ''}
      </span>
    </div>
  )
}

/** The per-device switch for the end sound (turning it on is the gesture that allows audio). */
export function SoundToggle() {
  const { t } = useT()
  const chime = endChime()
  const on = useStore(chime.enabled)
  return (
    <button
      type="button"
      className="icon-button"
      aria-pressed={on}
      aria-label={t('facilitation.timer.sound')}
      title={t('facilitation.timer.sound')}
      onClick={() => chime.setEnabled(!on)}
    >
      <BellIcon muted={!on} />
    </button>
  )
}

/** A bell (struck through when muted), drawn rather than an emoji: not every system has the glyph. */
function BellIcon({ muted }: { muted: boolean }) {
  return (
    <svg
      width="18"
      height="18"
      viewBox="0 0 24 24"
      aria-hidden="true"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      {muted && <path d="M3 3l18 18" />}
    </svg>
  )
}
