import { useState } from 'react'
import type { BoardCreated } from '../../../shared/api/boards.ts'
import { ROLES, type Role } from '../../../shared/roles.ts'
import { useT } from '../i18n/use-t.ts'
import { Link } from '../router/router.tsx'

/** One share link per role, each with a copy button; the facilitator's opens the board here. */
export function ShareLinks({ board }: { board: BoardCreated }) {
  const { t } = useT()
  const [copied, setCopied] = useState<Role | null>(null)
  const copy = async (role: Role) => {
    try {
      await navigator.clipboard.writeText(board.links[role])
      setCopied(role)
    } catch {
      // No clipboard permission (plain http, old browser): select the text for a manual copy.
      document.getElementById(`link-${role}`)?.focus()
    }
  }
  const facilitatorPath = new URL(board.links.facilitator).pathname + new URL(board.links.facilitator).hash
  return (
    <div className="share-links">
      {ROLES.map((role) => (
        <div key={role} className="share-link">
          <label htmlFor={`link-${role}`}>
            <strong>{t(`role.${role}`)}</strong> <span className="muted">{t(`role.${role}.hint`)}</span>
          </label>
          <div className="copy-row">
            <input id={`link-${role}`} readOnly value={board.links[role]} onFocus={(event) => event.currentTarget.select()} data-testid={`link-${role}`} />
            <button type="button" onClick={() => void copy(role)} aria-label={t('share.copyRole', { role: t(`role.${role}`) })}>
              {copied === role ? t('share.copied') : t('share.copy')}
            </button>
          </div>
        </div>
      ))}
      <p role="status" aria-live="polite" className="visually-hidden">{copied ? t('share.copied') : ''}</p>
      <Link to={facilitatorPath} className="button primary" data-testid="open-board">{t('share.open')}</Link>
    </div>
  )
}
