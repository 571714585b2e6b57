import { useCallback, useEffect, useState } from 'react'
import type { AdminBoard, AuditEntry } from '@shared/api/admin.ts'
import { ApiError } from '../api/http.ts'
import { meStore } from '../app/me.ts'
import { deleteBoard, listAdminBoards, listAudit } from '../api/lifecycle.ts'
import { HubTokenControl } from '../ideas/HubTokenControl.tsx'
import { hubTokenStore } from '../ideas/hub-token.ts'
import { useT } from '../i18n/use-t.ts'
import { useStore } from '../lib/use-store.ts'

type Loaded =
  | { kind: 'loading' }
  | { kind: 'ready'; boards: AdminBoard[]; audit: AuditEntry[] }
  | { kind: 'failed'; message: string }

/**
 * The administrator's page: every board on the server with its size, notes and last use, a
 * delete (after a confirmation), and the audit log. In links mode the administrator is whoever
 * holds the hub token; it is entered here as on the registry. With sign-in (AUTH=oidc) a member
 * of the admin group needs no token: their session is the credential.
 */
export function AdminPage() {
  const { t, locale } = useT()
  const token = useStore(hubTokenStore)
  const me = useStore(meStore)
  const signedInAdmin = me.user?.roles.includes('admin') ?? false
  // The hub token, else (null) the signed-in admin's session.
  const allowed = token !== null || signedInAdmin
  const [state, setState] = useState<Loaded>({ kind: 'loading' })
  const [confirming, setConfirming] = useState<string | null>(null)
  const load = useCallback(() => {
    if (!allowed) return
    setState({ kind: 'loading' })
    Promise.all([listAdminBoards(token), listAudit(token)]).then(
      ([boards, audit]) => setState({ kind: 'ready', boards: boards.items, audit: audit.items }),
      (error: unknown) =>
        setState({ kind: 'failed', message: error instanceof ApiError ? error.message : t('admin.failed') }),
    )
  }, [token, allowed, t])
  useEffect(load, [load])
  const remove = (boardId: string) => {
    if (!allowed) return
    setConfirming(null)
    deleteBoard(boardId, token).then(load, (error: unknown) =>
      setState({ kind: 'failed', message: error instanceof ApiError ? error.message : t('admin.failed') }),
    )
  }
  const date = (ms: number) => new Date(ms).toLocaleString(locale)
  return (
    <main className="page admin-page" data-testid="admin-page">
      <h1>{t('admin.title')}</h1>
      <p>{t('admin.intro')}</p>
      <HubTokenControl />
      {!allowed && <p>{t('admin.needsToken')}</p>}
      {allowed && state.kind === 'loading' && <p role="status">{t('invite.loading')}</p>}
      {allowed && state.kind === 'failed' && <p role="alert">{state.message}</p>}
      {allowed && state.kind === 'ready' && (
        <>
          <h2>{t('admin.boards')}</h2>
          <table className="admin-boards" data-testid="admin-boards">
            <thead>
              <tr>
                <th>{t('admin.board')}</th>
                <th>{t('admin.owner')}</th>
                <th>{t('admin.size')}</th>
                <th>{t('admin.notes')}</th>
                <th>{t('admin.lastActivity')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {state.boards.map((board) => (
                <tr key={board.id} data-testid={`admin-board-${board.id}`}>
                  <td>{board.title}</td>
                  <td>{board.owner ?? '—'}</td>
                  <td>{t('admin.kilobytes', { size: Math.max(1, Math.round(board.storedBytes / 1024)) })}</td>
                  <td>{board.notes}</td>
                  <td>{date(board.lastActivityAt)}</td>
                  <td>
                    {confirming === board.id ? (
                      <span role="alertdialog" aria-label={t('admin.confirmDelete', { title: board.title })}>
                        {t('admin.confirmDelete', { title: board.title })}{' '}
                        <button
                          type="button"
                          className="danger"
                          onClick={() => remove(board.id)}
                          data-testid="admin-delete-confirm"
                        >
                          {t('admin.delete')}
                        </button>{' '}
                        <button type="button" onClick={() => setConfirming(null)}>
                          {t('common.cancel')}
                        </button>
                      </span>
                    ) : (
                      <button type="button" onClick={() => setConfirming(board.id)} data-testid="admin-delete">
                        {t('admin.delete')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>{t('admin.audit')}</h2>
          <ul className="admin-audit" data-testid="admin-audit">
            {state.audit.map((entry) => (
              <li key={entry.seq}>
                {date(entry.at)} · {t(`admin.action.${entry.action}` as 'admin.action.board-deleted')} ·{' '}
                {t(`admin.actor.${entry.actor}` as 'admin.actor.admin')}
                {entry.boardId ? ` · ${entry.boardId}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </main>
  )
}
