import { useEffect, useRef, useState } from 'react'
import { useT } from '../../i18n/use-t.ts'
import { useStoreSelector } from '../../lib/use-store.ts'
import { useBoard } from '../board-context.ts'

const isSilent = (state: { silent: boolean }) => state.silent

/**
 * Says once, to screen readers, that the facilitator revealed the private notes (silent mode
 * ended): the notes appear on the canvas, which a reader cannot see.
 */
export function RevealAnnouncement() {
  const { session } = useBoard()
  const { t } = useT()
  const silent = useStoreSelector(session.stores.session, isSilent)
  const before = useRef(silent)
  const [revealed, setRevealed] = useState(false)
  useEffect(() => {
    if (before.current && !silent) setRevealed(true)
    if (silent) setRevealed(false)
    before.current = silent
  }, [silent])
  return (
    <p className="visually-hidden" role="status" data-testid="reveal-announcement">
      {revealed ? t('a11y.revealed') : ''}
    </p>
  )
}
