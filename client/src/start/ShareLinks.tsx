import type { BoardCreated } from '@shared/api/boards.ts'
import { ROLES } from '@shared/roles.ts'
import { useT } from '../i18n/use-t.ts'
import { SignInNeededNote } from '../app/SignInNeededNote.tsx'
import { CopyField } from '../lib/CopyField.tsx'
import { Link } from '../router/router.tsx'

/** One share link per role, each with a copy button; the facilitator's opens the board here. */
export function ShareLinks({ board }: { board: BoardCreated }) {
  const { t } = useT()
  const facilitatorPath = new URL(board.links.facilitator).pathname + new URL(board.links.facilitator).hash
  return (
    <div className="share-links">
      <SignInNeededNote />
      {ROLES.map((role) => (
        <div key={role} className="share-link">
          <label htmlFor={`link-${role}`}>
            <strong>{t(`role.${role}`)}</strong> <span className="muted">{t(`role.${role}.hint`)}</span>
          </label>
          <CopyField
            id={`link-${role}`}
            value={board.links[role]}
            copyLabel={t('share.copyRole', { role: t(`role.${role}`) })}
            testId={`link-${role}`}
          />
        </div>
      ))}
      <Link to={facilitatorPath} className="button primary" data-testid="open-board">
        {t('share.open')}
      </Link>
    </div>
  )
}
