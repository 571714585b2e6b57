import { useCallback, useEffect, useState } from 'react'
import type { BoardLinks } from '@shared/api/boards.ts'
import type { Role } from '@shared/roles.ts'
import { ApiError, fetchBoardLinks } from '../../api/http.ts'
import { rotateLinks } from '../../api/lifecycle.ts'
import { useT } from '../../i18n/use-t.ts'
import { CopyField } from '../../lib/CopyField.tsx'
import { Dialog } from '../../lib/Dialog.tsx'
import { useBoard } from '../board-context.ts'

type LinksState =
  { kind: 'loading' } | { kind: 'ready'; links: BoardLinks['links'] } | { kind: 'failed'; message: string }

/**
 * The share links this user may hand out (the server decides: the caller's role and every
 * lesser one), each with a plain-language note on who it is for. Its own chunk, loaded when
 * first opened (InviteButton.tsx).
 */
export function InviteDialog({ onClose }: { onClose: () => void }) {
  const { session } = useBoard()
  const { t } = useT()
  const [state, setState] = useState<LinksState>({ kind: 'loading' })
  const load = useCallback(() => {
    setState({ kind: 'loading' })
    fetchBoardLinks(session.boardId, session.token).then(
      (body) => setState({ kind: 'ready', links: body.links }),
      (error: unknown) =>
        setState({
          kind: 'failed',
          message: error instanceof ApiError && error.status !== 0 ? error.message : t('invite.offline'),
        }),
    )
  }, [session, t])
  useEffect(load, [load])
  const [confirming, setConfirming] = useState(false)
  const [resetFailed, setResetFailed] = useState<string | null>(null)
  const reset = () => {
    setConfirming(false)
    setResetFailed(null)
    rotateLinks(session.boardId, session.token).then(
      (body) => setState({ kind: 'ready', links: { ...(state.kind === 'ready' ? state.links : {}), ...body.links } }),
      (error: unknown) =>
        setResetFailed(error instanceof ApiError && error.status !== 0 ? error.message : t('invite.offline')),
    )
  }
  return (
    <Dialog labelledBy="invite-title" onClose={onClose} className="invite-dialog">
      <h2 id="invite-title">{t('invite.title')}</h2>
      <p>{t('invite.intro')}</p>
      {state.kind === 'loading' && <p role="status">{t('invite.loading')}</p>}
      {state.kind === 'failed' && (
        <p role="alert">
          {t('invite.failed', { message: state.message })}{' '}
          <button type="button" className="link-button" onClick={load}>
            {t('ideas.retry')}
          </button>
        </p>
      )}
      {state.kind === 'ready' && (
        <div className="share-links" data-testid="invite-links">
          {inviteOrder
            .filter((role) => state.links[role])
            .map((role) => (
              <div key={role} className="share-link">
                <label htmlFor={`invite-${role}`}>
                  <strong>{t(`invite.${role}.title`)}</strong>
                </label>
                <p className="muted">{t(`invite.${role}.explain`)}</p>
                <CopyField
                  id={`invite-${role}`}
                  value={state.links[role] ?? ''}
                  copyLabel={t('share.copyRole', { role: t(`role.${role}`) })}
                  testId={`invite-${role}`}
                />
              </div>
            ))}
        </div>
      )}
      {state.kind === 'ready' && state.links.facilitator && (
        <section className="invite-reset" data-testid="invite-reset">
          {confirming ? (
            <div role="alertdialog" aria-labelledby="invite-reset-warning">
              <p id="invite-reset-warning">{t('invite.reset.warning')}</p>
              <button type="button" className="danger" onClick={reset} data-testid="invite-reset-confirm">
                {t('invite.reset.confirm')}
              </button>{' '}
              <button type="button" onClick={() => setConfirming(false)}>
                {t('common.cancel')}
              </button>
            </div>
          ) : (
            <button type="button" onClick={() => setConfirming(true)} data-testid="invite-reset-button">
              {t('invite.reset.button')}
            </button>
          )}
          {resetFailed && <p role="alert">{t('invite.failed', { message: resetFailed })}</p>}
        </section>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </Dialog>
  )
}

/** The link most people need first; the facilitator's, to be handed out rarely, last. */
const inviteOrder: readonly Role[] = ['participant', 'viewer', 'facilitator']
