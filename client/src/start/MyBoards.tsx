import { useEffect, useState } from 'react'
import type { MyBoard } from '@shared/api/me.ts'
import { fetchMyBoards, meStore } from '../app/me.ts'
import { useStore } from '../lib/use-store.ts'
import { useT } from '../i18n/use-t.ts'

/**
 * With sign-in: the boards I created or joined, on any device (GET /api/boards), each opened by
 * the share link of my role there; and signing out. Nothing without sign-in.
 */
export function MyBoards() {
  const { t, locale } = useT()
  const me = useStore(meStore)
  const [boards, setBoards] = useState<readonly MyBoard[] | null>(null)
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
  }, [me.user])
  if (!me.user) return null
  const format = new Intl.DateTimeFormat(locale === 'fi' ? 'fi-FI' : 'en-GB', { dateStyle: 'medium' })
  const signOut = () => {
    void fetch('/auth/logout', { method: 'POST' }).finally(() => window.location.assign('/'))
  }
  return (
    <section className="card" aria-labelledby="my-boards-title">
      <h2 id="my-boards-title">{t('myBoards.title')}</h2>
      <p className="muted">
        {t('myBoards.signedInAs', { name: me.user.name })}{' '}
        <button type="button" className="link-button" onClick={signOut}>
          {t('myBoards.signOut')}
        </button>
      </p>
      {boards === null ? null : boards.length === 0 ? (
        <p className="muted">{t('myBoards.empty')}</p>
      ) : (
        <ul className="recent-boards">
          {boards.map((board) => (
            <li key={board.id}>
              <a href={board.link}>{board.title || t('board.untitled')}</a>
              <span className="muted">
                {' '}
                · {t(`role.${board.role}`)} · {format.format(board.lastSeenAt)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
