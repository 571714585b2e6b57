import { useEffect, useRef, type ReactNode, type RefObject } from 'react'

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])'

/**
 * A modal dialog: focus moves into it (to `initialFocus`, else its first control), Tab stays
 * inside, Escape or a click on the backdrop closes it, and focus returns where it was. Keys
 * pressed while it is open never reach the board's shortcuts (Delete must not delete notes).
 */
export function Dialog({
  labelledBy,
  onClose,
  initialFocus,
  className,
  children,
}: {
  labelledBy: string
  onClose: () => void
  initialFocus?: RefObject<HTMLElement | null>
  className?: string
  children: ReactNode
}) {
  const box = useRef<HTMLDivElement>(null)
  const close = useRef(onClose)
  close.current = onClose
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null
    const target = initialFocus?.current ?? box.current?.querySelector<HTMLElement>(FOCUSABLE) ?? box.current
    target?.focus()
    // Keys pressed while focus is outside the dialog (it fell to the page when a control went
    // away) still belong to it: Escape closes it, Tab comes back in, and nothing reaches the
    // board's shortcuts. Capturing on window runs before the board's own window listener.
    const outside = (event: KeyboardEvent) => {
      const dialog = box.current
      if (!dialog || (event.target instanceof Node && dialog.contains(event.target))) return
      event.stopPropagation()
      if (event.key === 'Escape') {
        event.preventDefault()
        close.current()
      } else if (event.key === 'Tab') {
        event.preventDefault()
        dialog.querySelector<HTMLElement>(FOCUSABLE)?.focus()
      }
    }
    window.addEventListener('keydown', outside, true)
    return () => {
      window.removeEventListener('keydown', outside, true)
      if (before && document.contains(before)) before.focus()
    }
    // Once, when the dialog opens: later renders must not pull focus back.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])
  return (
    <div className="dialog-backdrop" onMouseDown={(event) => event.target === event.currentTarget && close.current()}>
      <div
        ref={box}
        className={`dialog ${className ?? ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={labelledBy}
        tabIndex={-1}
        onKeyDown={(event) => {
          event.stopPropagation()
          if (event.key === 'Escape') {
            event.preventDefault()
            close.current()
          } else if (event.key === 'Tab') {
            const items = [...(box.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])]
            const first = items[0]
            const last = items[items.length - 1]
            if (!first || !last) return
            if (event.shiftKey && document.activeElement === first) {
              event.preventDefault()
              last.focus()
            } else if (!event.shiftKey && document.activeElement === last) {
              event.preventDefault()
              first.focus()
            }
          }
        }}
      >
        {children}
      </div>
    </div>
  )
}
