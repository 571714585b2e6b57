import { useEffect, useRef, useState } from 'react'
import type { IdeaSummary } from '@shared/api/ideas.ts'
import { statusLabel } from '@shared/ideas/labels.ts'
import type { IdeaStatus } from '@shared/ideas/workflow.ts'
import { useT } from '../../i18n/use-t.ts'
import { Link } from '../../router/router.tsx'
import { menuMoves } from './board-moves.ts'

/** The drag payload's type: a card's idea id. */
export const CARD_MIME = 'application/x-kokeileva-idea'

/**
 * One idea on the hub board. The hub drags it to another column, or — the keyboard's way to
 * make every drag — opens "Move to…" and picks one of the moves the workflow allows.
 */
export function IdeaCard({
  idea,
  movable,
  onMove,
}: {
  idea: IdeaSummary
  movable: boolean
  onMove: (ideaId: string, to: IdeaStatus) => void
}) {
  const { t, locale } = useT()
  const [menu, setMenu] = useState(false)
  const menuRef = useRef<HTMLUListElement>(null)
  const toggle = useRef<HTMLButtonElement>(null)
  const moves = menuMoves(idea.status)
  useEffect(() => {
    if (menu) menuRef.current?.querySelector('button')?.focus()
  }, [menu])
  return (
    <li
      className="hub-card"
      data-idea={idea.id}
      data-ref={idea.ref}
      draggable={movable}
      onDragStart={(event) => {
        event.dataTransfer.setData(CARD_MIME, idea.id)
        event.dataTransfer.setData('text/plain', idea.ref)
        event.dataTransfer.effectAllowed = 'move'
      }}
    >
      <Link to={`/ideas/${idea.ref}`} className="hub-card-title" draggable={false}>
        <span className="hub-card-ref">{idea.ref}</span> {idea.title}
      </Link>
      <p className="hub-card-meta muted">
        {[idea.department, idea.tags.join(', '), t('ideas.votes', { count: idea.votes })].filter(Boolean).join(' · ')}
      </p>
      {movable && moves.length > 0 && (
        <div
          className="hub-card-move"
          onKeyDown={(event) => {
            if (event.key === 'Escape' && menu) {
              event.stopPropagation()
              setMenu(false)
              toggle.current?.focus()
            }
          }}
        >
          <button
            ref={toggle}
            type="button"
            aria-haspopup="true"
            aria-expanded={menu}
            aria-label={t('hubBoard.moveMenuLabel', { ref: idea.ref })}
            data-move-toggle={idea.id}
            onClick={() => setMenu(!menu)}
          >
            {t('hubBoard.moveMenu')}
          </button>
          {menu && (
            <ul ref={menuRef} className="hub-card-menu" aria-label={t('hubBoard.moveMenuLabel', { ref: idea.ref })}>
              {moves.map((to) => (
                <li key={to}>
                  <button
                    type="button"
                    onClick={() => {
                      setMenu(false)
                      toggle.current?.focus()
                      onMove(idea.id, to)
                    }}
                  >
                    {statusLabel(to, locale)}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </li>
  )
}
