import { useState, type ReactNode } from 'react'
import { useT } from '../../i18n/use-t.ts'

/**
 * The phase bar and the toolbar above the canvas. On a phone they may take at most a third
 * of the height (they scroll inside it, styles.css) and can be folded away to one line, so
 * that the board gets the screen; the fold button is shown on narrow screens only.
 */
export function CollapsibleStrips({ children }: { children: ReactNode }) {
  const { t } = useT()
  const [collapsed, setCollapsed] = useState(false)
  return (
    <div className={`board-strips${collapsed ? ' collapsed' : ''}`} data-testid="board-strips">
      <button
        type="button"
        className="strips-toggle"
        aria-expanded={!collapsed}
        aria-controls="board-strips-content"
        onClick={() => setCollapsed(!collapsed)}
        data-testid="strips-toggle"
      >
        {collapsed ? t('a11y.showControls') : t('a11y.hideControls')}
      </button>
      <div id="board-strips-content" className="board-strips-content" hidden={collapsed}>
        {children}
      </div>
    </div>
  )
}
