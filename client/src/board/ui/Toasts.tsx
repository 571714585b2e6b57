import { useEffect, useState } from 'react'
import { useT } from '../../i18n/use-t.ts'
import type { MessageKey } from '../../i18n/index.ts'
import { useBoard } from '../board-context.ts'

const TOAST_MS = 5000

/** The server's reason for refusing a write, in the user's words. */
export function refusalMessage(reason: string): MessageKey {
  if (/locked/i.test(reason)) return 'refused.locked'
  if (/read-only/i.test(reason)) return 'refused.readOnly'
  if (/facilitator/i.test(reason)) return 'refused.facilitatorOnly'
  return 'refused.generic'
}

/** Short notices: writes the server refused (and reverted), announced to screen readers. */
export function Toasts() {
  const { session } = useBoard()
  const { t } = useT()
  const [toasts, setToasts] = useState<{ id: number; key: MessageKey }[]>([])
  useEffect(() => {
    let next = 0
    return session.refusals.on((reason) => {
      const id = ++next
      const key = refusalMessage(reason)
      // One notice per kind at a time: a refused drag of ten notes is one refusal to the user.
      setToasts((list) => (list.some((toast) => toast.key === key) ? list : [...list, { id, key }]))
      setTimeout(() => setToasts((list) => list.filter((toast) => toast.id !== id)), TOAST_MS)
    })
  }, [session])
  return (
    <div className="toasts" role="alert" aria-live="assertive">
      {toasts.map((toast) => (
        <div key={toast.id} className="toast" data-testid="toast">{t(toast.key)}</div>
      ))}
    </div>
  )
}
