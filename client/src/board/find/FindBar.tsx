import { useEffect, useRef } from 'react'
import { useT } from '../../i18n/use-t.ts'
import { useStore } from '../../lib/use-store.ts'
import { useBoard } from '../board-context.ts'

/**
 * The find box over the canvas (Ctrl+F, or "Find" in the toolbar): matching notes are
 * highlighted as one types; Enter / ↓ shows the next, Shift+Enter / ↑ the previous; Escape
 * closes it and gives the keyboard back to the board.
 */
export function FindBar() {
  const { find } = useBoard()
  const { t } = useT()
  const state = useStore(find.state)
  const focusRequests = useStore(find.focusRequests)
  const input = useRef<HTMLInputElement>(null)
  useEffect(() => {
    if (state.open) input.current?.select()
  }, [state.open, focusRequests])
  if (!state.open) return null
  const close = () => {
    find.close()
    document.querySelector<HTMLElement>('[data-testid="board-canvas"]')?.focus({ preventScroll: true })
  }
  const count =
    state.query.trim() === ''
      ? ''
      : state.matches.length === 0
        ? t('find.none')
        : state.current >= 0
          ? t('find.position', { n: state.current + 1, count: state.matches.length })
          : t('find.count', { count: state.matches.length })
  return (
    <search className="find-bar" data-testid="find-bar">
      <input
        ref={input}
        type="search"
        value={state.query}
        aria-label={t('find.label')}
        placeholder={t('find.placeholder')}
        onChange={(event) => find.setQuery(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' || event.key === 'ArrowDown' || event.key === 'F3') {
            event.preventDefault()
            if (event.shiftKey) find.previous()
            else find.next()
          } else if (event.key === 'ArrowUp') {
            event.preventDefault()
            find.previous()
          } else if (event.key === 'Escape') {
            event.preventDefault()
            close()
          } else if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'f') {
            event.preventDefault()
            input.current?.select()
          }
          // Keys typed here are the query's, not the board's shortcuts.
          event.stopPropagation()
        }}
      />
      <span className="find-count" role="status" data-testid="find-count">
        {count}
      </span>
      <button
        type="button"
        className="icon-button"
        onClick={() => find.previous()}
        disabled={state.matches.length === 0}
        aria-label={t('find.previous')}
        title={`${t('find.previous')} (Shift+Enter)`}
      >
        <span aria-hidden="true">↑</span>
      </button>
      <button
        type="button"
        className="icon-button"
        onClick={() => find.next()}
        disabled={state.matches.length === 0}
        aria-label={t('find.next')}
        title={`${t('find.next')} (Enter)`}
      >
        <span aria-hidden="true">↓</span>
      </button>
      <button type="button" className="icon-button" onClick={close} aria-label={t('find.close')}>
        <span aria-hidden="true">×</span>
      </button>
    </search>
  )
}
