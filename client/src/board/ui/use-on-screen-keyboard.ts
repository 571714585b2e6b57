import { useEffect, type RefObject } from 'react'
import type { ViewportStore } from '../view/viewport.ts'

/** Room kept between the note being edited and the on-screen keyboard (or the top), in px. */
const KEYBOARD_MARGIN_PX = 12
/** A canvas this narrow is a phone's: the note is brought to 100 % to be typed in. */
const NARROW_CANVAS_PX = 700

/**
 * Keeps the note editor usable with an on-screen keyboard: on a phone the note is zoomed to
 * 100 % when editing starts (text smaller than that is hard to type into, and some browsers
 * zoom the page instead), and whenever the visual viewport shrinks (the keyboard opens) the
 * board pans so that the whole editor stays above the keyboard.
 */
export function useOnScreenKeyboard(editor: RefObject<HTMLElement | null>, viewport: ViewportStore): void {
  useEffect(() => {
    const element = editor.current
    if (!element) return
    const canvas = element.closest<HTMLElement>('.board-canvas')
    // Desktops have no on-screen keyboard to dodge (and their users placed the view themselves).
    if (!canvas || canvas.clientWidth > NARROW_CANVAS_PX) return
    if (viewport.get().scale < 1) {
      const box = element.getBoundingClientRect()
      const canvasBox = canvas.getBoundingClientRect()
      viewport.zoomAtScreen({ x: box.left - canvasBox.left, y: box.top - canvasBox.top }, 1 / viewport.get().scale)
    }
    const visual = window.visualViewport
    if (!visual) return
    const keepInView = () => {
      const box = element.getBoundingClientRect()
      const top = visual.offsetTop + KEYBOARD_MARGIN_PX
      const bottom = visual.offsetTop + visual.height - KEYBOARD_MARGIN_PX
      if (box.bottom > bottom) viewport.panBy(0, -Math.min(box.bottom - bottom, box.top - top))
      else if (box.top < top) viewport.panBy(0, top - box.top)
    }
    keepInView()
    visual.addEventListener('resize', keepInView)
    visual.addEventListener('scroll', keepInView)
    return () => {
      visual.removeEventListener('resize', keepInView)
      visual.removeEventListener('scroll', keepInView)
    }
  }, [editor, viewport])
}
