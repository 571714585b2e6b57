import { useId, useState } from 'react'
import { parseBoardLink } from '@shared/links.ts'
import { useT } from '../i18n/use-t.ts'
import { navigate } from '../router/router.tsx'

/** Paste a share link (from chat or e-mail) and open it. */
export function OpenLink() {
  const { t } = useT()
  const inputId = useId()
  const [link, setLink] = useState('')
  const [error, setError] = useState(false)
  return (
    <section className="card" aria-labelledby={`${inputId}-title`}>
      <h2 id={`${inputId}-title`}>{t('open.title')}</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault()
          const parsed = parseBoardLink(link)
          if (!parsed) {
            setError(true)
            return
          }
          navigate(`/b/${encodeURIComponent(parsed.boardId)}#token=${encodeURIComponent(parsed.token)}`)
        }}
      >
        <label htmlFor={inputId}>{t('open.label')}</label>
        <div className="copy-row">
          <input
            id={inputId}
            value={link}
            onChange={(event) => {
              setLink(event.target.value)
              setError(false)
            }}
            placeholder="https://…/b/…#token=…"
            aria-invalid={error}
          />
          <button type="submit">{t('open.submit')}</button>
        </div>
        {error && (
          <p className="error" role="alert">
            {t('open.invalid')}
          </p>
        )}
      </form>
    </section>
  )
}
