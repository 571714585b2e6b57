import { useEffect, useRef } from 'react'
import { useStore } from '../../lib/use-store.ts'
import { useT } from '../../i18n/use-t.ts'
import { useBoard } from '../board-context.ts'
import { SHORTCUTS } from '../input/keyboard.ts'

/** The `?` panel: every shortcut, in a dialog that Escape or the close button dismisses. */
export function ShortcutsPanel() {
  const { ui } = useBoard()
  const { t } = useT()
  const open = useStore(ui.shortcutsOpen)
  const close = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    // The close button is at the end of a long list: focusing it must not scroll the list to
    // its end on a short screen — the dialog opens at its top.
    if (open) close.current?.focus({ preventScroll: true })
  }, [open])
  if (!open) return null
  return (
    <div className="dialog-backdrop" onClick={() => ui.shortcutsOpen.set(false)}>
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcuts-title"
        onClick={(event) => event.stopPropagation()}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.stopPropagation()
            ui.shortcutsOpen.set(false)
          }
        }}
      >
        <h2 id="shortcuts-title">{t('shortcuts.title')}</h2>
        <dl className="shortcuts">
          {SHORTCUTS.map((shortcut) => (
            <div key={shortcut.label}>
              <dt>
                <kbd>{typeof shortcut.keys === 'string' ? shortcut.keys : t(shortcut.keys.gesture)}</kbd>
              </dt>
              <dd>{t(shortcut.label)}</dd>
            </div>
          ))}
        </dl>
        <button ref={close} type="button" onClick={() => ui.shortcutsOpen.set(false)}>
          {t('common.close')}
        </button>
      </div>
    </div>
  )
}
