import { useEffect, useState } from 'react'
import type { MyBoard } from '@shared/api/me.ts'
import { ApiError } from '../api/http.ts'
import { deleteMyBoard } from '../api/lifecycle.ts'
import { fetchMyBoards, meStore, myBoardsChanged } from '../app/me.ts'
import { forgetBoard } from '../device/known-boards.ts'
import { useStore } from '../lib/use-store.ts'
import { useT } from '../i18n/use-t.ts'

/**
 * With sign-in: the boards I created or joined, on any device (GET /api/boards), each opened by
 * the share link of my role there; the ones I created can be deleted, after a confirmation.
 * Nothing without sign-in.
 */
export function MyBoards() {
  const { t, locale } = useT()
  const me = useStore(meStore)
  const changed = useStore(myBoardsChanged)
  const [boards, setBoards] = useState<readonly MyBoard[] | null>(null)
  const [confirming, setConfirming] = useState<string | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  useEffect(() => {
    if (!me.user) return
    let live = true
    fetchMyBoards().then(
      (answer) => live && setBoards(answer.items),
      () => live && setBoards([]),
    )
    return () => {
      live = false
    }
  }, [me.user, changed])
  if (!me.user) return null
  const format = new Intl.DateTimeFormat(locale === 'fi' ? 'fi-FI' : locale === 'sv' ? 'sv-SE' : 'en-GB', {
    dateStyle: 'medium',
  })
  const remove = (board: MyBoard) => {
    setConfirming(null)
    setFailure(null)
    deleteMyBoard(board.id).then(
      () => {
        forgetBoard(board.id)
        setBoards((list) => list?.filter((item) => item.id !== board.id) ?? null)
      },
      (error: unknown) =>
        setFailure(t('myBoards.deleteFailed', { message: error instanceof ApiError ? error.message : String(error) })),
    )
  }
  return (
    <section className="card" aria-labelledby="my-boards-title" data-testid="my-boards">
      <h2 id="my-boards-title">{t('myBoards.title')}</h2>
      {failure && (
        <p className="error" role="alert">
          {failure}
        </p>
      )}
      {boards === null ? null : boards.length === 0 ? (
        <p className="muted">{t('myBoards.empty')}</p>
      ) : (
        <ul className="recent-boards">
          {boards.map((board) => {
            const title = board.title || t('board.untitled')
            return (
              <li key={board.id} data-testid={`my-board-${board.id}`}>
                <a href={board.link}>{title}</a>
                <span className="muted">
                  {' '}
                  · {t(`role.${board.role}`)} · {format.format(board.lastSeenAt)}
                </span>
                {board.owner &&
                  (confirming === board.id ? (
                    <span role="alertdialog" aria-label={t('myBoards.confirmDelete', { title })}>
                      {' '}
                      {t('myBoards.confirmDelete', { title })}{' '}
                      <button
                        type="button"
                        className="danger"
                        onClick={() => remove(board)}
                        data-testid="my-board-delete-confirm"
                      >
                        {t('myBoards.delete')}
                      </button>{' '}
                      <button type="button" onClick={() => setConfirming(null)}>
                        {t('common.cancel')}
                      </button>
                    </span>
                  ) : (
                    <>
                      {' '}
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => setConfirming(board.id)}
                        aria-label={t('myBoards.deleteBoard', { title })}
                        data-testid="my-board-delete"
                      >
                        {t('myBoards.delete')}
                      </button>
                    </>
                  ))}
              </li>
            )
          })}
        </ul>
      )}
    </section>
  )
}
