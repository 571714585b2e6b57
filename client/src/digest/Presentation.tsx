import { useEffect, useRef, useState } from 'react'
import type { Digest } from '@shared/api/digest.ts'
import { useT } from '../i18n/use-t.ts'
import { SlideView } from './SlideView.tsx'
import { slideStep, type Slide } from './slides.ts'

/**
 * The digest full screen, one slide at a time: arrow keys, a clicker (PageUp / PageDown),
 * space, Enter, Home and End move; a click moves on; Escape (or leaving full screen) ends it.
 */
export function Presentation({ digest, slides, onClose }: { digest: Digest; slides: Slide[]; onClose: () => void }) {
  const { t } = useT()
  const [index, setIndex] = useState(0)
  const box = useRef<HTMLDivElement>(null)
  const close = useRef(onClose)
  close.current = onClose
  const last = slides.length - 1

  useEffect(() => {
    const element = box.current
    element?.focus()
    // Full screen where the browser allows it; the overlay fills the window anyway.
    element?.requestFullscreen?.().catch(() => undefined)
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault()
        close.current()
        return
      }
      const step = slideStep(event.key, event.shiftKey)
      if (step === null) return
      event.preventDefault()
      setIndex((current) =>
        step === 'first' ? 0 : step === 'last' ? last : Math.min(last, Math.max(0, current + step)),
      )
    }
    const onFullscreen = () => {
      if (!document.fullscreenElement) close.current()
    }
    window.addEventListener('keydown', onKey)
    document.addEventListener('fullscreenchange', onFullscreen)
    return () => {
      window.removeEventListener('keydown', onKey)
      document.removeEventListener('fullscreenchange', onFullscreen)
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined)
    }
  }, [last])

  const slide = slides[index]!
  return (
    <div
      ref={box}
      className="digest-show"
      role="region"
      aria-roledescription={t('digest.presentation')}
      aria-label={t('digest.title')}
      tabIndex={-1}
      onClick={(event) => {
        if ((event.target as HTMLElement).closest('button, a')) return
        setIndex((current) => Math.min(last, current + 1))
      }}
    >
      <div className="digest-slide" aria-live="polite" data-slide={index} data-kind={slide.kind}>
        <SlideView slide={slide} digest={digest} />
      </div>
      <div className="digest-progress">
        <div
          className="digest-progress-bar"
          role="progressbar"
          aria-label={t('digest.progress')}
          aria-valuemin={1}
          aria-valuemax={slides.length}
          aria-valuenow={index + 1}
          aria-valuetext={t('digest.slideOf', { n: index + 1, count: slides.length })}
        >
          <span style={{ width: `${((index + 1) / slides.length) * 100}%` }} />
        </div>
        <span className="digest-progress-text">{t('digest.slideOf', { n: index + 1, count: slides.length })}</span>
        <button type="button" onClick={() => close.current()}>
          {t('digest.endShow')}
        </button>
      </div>
    </div>
  )
}
