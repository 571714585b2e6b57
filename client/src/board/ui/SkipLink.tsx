import { useT } from '../../i18n/use-t.ts'

/** The id of the canvas element, which the skip link moves focus to. */
export const CANVAS_ID = 'board-canvas'

/**
 * The first tab stop of the board page, shown when focused: straight to the canvas instead of
 * through the header, the phase bar and the toolbar. It moves focus itself rather than
 * following `#board-canvas`: the address's fragment is the board's share token.
 */
export function SkipLink() {
  const { t } = useT()
  return (
    <a
      href={`#${CANVAS_ID}`}
      className="skip-link"
      data-testid="skip-link"
      onClick={(event) => {
        event.preventDefault()
        document.getElementById(CANVAS_ID)?.focus()
      }}
    >
      {t('a11y.skipToCanvas')}
    </a>
  )
}
