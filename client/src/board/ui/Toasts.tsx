import { useEffect, useState } from 'react'
import { useT } from '../../i18n/use-t.ts'
import type { MessageKey } from '../../i18n/index.ts'
import { useBoard } from '../board-context.ts'
import type { RefusalCode } from '../data/note-rules.ts'

const TOAST_MS = 5000

/** What each refusal tells the user. */
export const REFUSAL_MESSAGES: Record<RefusalCode, MessageKey> = {
  'read-only': 'refused.readOnly',
  'facilitator-only': 'refused.facilitatorOnly',
  locked: 'refused.locked',
  voting: 'refused.voting',
  'zone-closed': 'refused.zoneClosed',
  'silent-not-own': 'refused.silent',
  'voted-note': 'refused.votedNote',
  'vote-closed': 'refused.voteClosed',
  'vote-limit': 'refused.voteLimit',
  'no-open-zone': 'refused.noOpenZone',
  'paste-limit': 'refused.pasteLimit',
  'board-full': 'refused.boardFull',
  'held-back': 'refused.heldBack',
  other: 'refused.generic',
}

/**
 * Short notices of changes that were not made — refused by the server (and reverted) or not
 * attempted because the rules forbid them — announced to screen readers.
 */
export function Toasts() {
  const { session } = useBoard()
  const { t } = useT()
  const [toasts, setToasts] = useState<{ id: number; key: MessageKey }[]>([])
  useEffect(() => {
    let next = 0
    return session.refusals.on((code) => {
      const id = ++next
      const key = REFUSAL_MESSAGES[code]
      // One notice per kind at a time: a refused drag of ten notes is one refusal to the user.
      setToasts((list) => (list.some((toast) => toast.key === key) ? list : [...list, { id, key }]))
      setTimeout(() => setToasts((list) => list.filter((toast) => toast.id !== id)), TOAST_MS)
    })
  }, [session])
  return (
    <div className="toasts" role="alert" aria-live="assertive">
      {toasts.map((toast) => (
        <div key={toast.id} className="toast" data-testid="toast">
          {t(toast.key)}
        </div>
      ))}
    </div>
  )
}
