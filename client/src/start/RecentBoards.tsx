import { forgetBoard, knownBoards } from '../device/known-boards.ts'
import { useStore } from '../lib/use-store.ts'
import { useT } from '../i18n/use-t.ts'
import { INTL_LOCALES } from '../i18n/index.ts'
import { Link } from '../router/router.tsx'

/** The boards opened on this device, newest first, with their role; each can be forgotten. */
export function RecentBoards() {
  const { t, locale } = useT()
  const boards = useStore(knownBoards)
  const format = new Intl.DateTimeFormat(INTL_LOCALES[locale], {
    dateStyle: 'medium',
    timeStyle: 'short',
  })
  return (
    <section className="card" aria-labelledby="recent-title">
      <h2 id="recent-title">{t('recent.title')}</h2>
      {boards.length === 0 ? (
        <p className="muted">{t('recent.empty')}</p>
      ) : (
        <ul className="recent-boards">
          {boards.map((board) => (
            <li key={board.id}>
              <Link to={`/b/${encodeURIComponent(board.id)}`}>{board.title || t('board.untitled')}</Link>
              <span className="muted">
                {' '}
                · {t(`role.${board.role}`)} · {format.format(board.lastOpened)}
              </span>
              <button
                type="button"
                className="link-button"
                onClick={() => forgetBoard(board.id)}
                aria-label={t('recent.forget', { title: board.title || board.id })}
              >
                {t('recent.forgetShort')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
