import { useCallback, useEffect, useState } from 'react'
import type { BoardLinks } from '@shared/api/boards.ts'
import type { Role } from '@shared/roles.ts'
import { ApiError, fetchBoardLinks } from '../../api/http.ts'
import { SignInNeededNote } from '../../app/SignInNeededNote.tsx'
import { useT } from '../../i18n/use-t.ts'
import { CopyField } from '../../lib/CopyField.tsx'
import { Dialog } from '../../lib/Dialog.tsx'
import { useBoard } from '../board-context.ts'
import { resetLinks } from '../reset-links.ts'

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
  const [alsoFacilitator, setAlsoFacilitator] = useState(false)
  const [resetting, setResetting] = useState(false)
  const [resetDone, setResetDone] = useState<'links' | 'facilitator' | null>(null)
  const [resetFailed, setResetFailed] = useState<string | null>(null)
  const reset = () => {
    const facilitator = alsoFacilitator
    setConfirming(false)
    setAlsoFacilitator(false)
    setResetting(true)
    setResetDone(null)
    setResetFailed(null)
    // This browser takes the new facilitator token everywhere it keeps it (reset-links.ts).
    resetLinks(session, { facilitator }).then(
      (body) => {
        setResetting(false)
        setResetDone(facilitator ? 'facilitator' : 'links')
        setState((current) => ({
          kind: 'ready',
          links: { ...(current.kind === 'ready' ? current.links : {}), ...body.links },
        }))
      },
      (error: unknown) => {
        setResetting(false)
        setResetFailed(error instanceof ApiError && error.status !== 0 ? error.message : t('invite.offline'))
      },
    )
  }
  return (
    <Dialog labelledBy="invite-title" onClose={onClose} className="invite-dialog">
      <h2 id="invite-title">{t('invite.title')}</h2>
      <p>{t('invite.intro')}</p>
      <SignInNeededNote />
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
              <p className="invite-reset-facilitator">
                <label>
                  <input
                    type="checkbox"
                    checked={alsoFacilitator}
                    onChange={(event) => setAlsoFacilitator(event.target.checked)}
                    aria-describedby="invite-reset-facilitator-explain"
                    data-testid="invite-reset-facilitator"
                  />{' '}
                  {t('invite.reset.facilitator')}
                </label>
              </p>
              <p id="invite-reset-facilitator-explain" className="muted">
                {t('invite.reset.facilitatorExplain')}
              </p>
              <button type="button" className="danger" onClick={reset} data-testid="invite-reset-confirm">
                {t('invite.reset.confirm')}
              </button>{' '}
              <button type="button" onClick={() => setConfirming(false)}>
                {t('common.cancel')}
              </button>
            </div>
          ) : (
            <button
              type="button"
              onClick={() => setConfirming(true)}
              disabled={resetting}
              data-testid="invite-reset-button"
            >
              {t('invite.reset.button')}
            </button>
          )}
          <p role="status" data-testid="invite-reset-status">
            {resetDone === 'facilitator'
              ? t('invite.reset.doneFacilitator')
              : resetDone === 'links'
                ? t('invite.reset.done')
                : ''}
          </p>
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
