import { useEffect, useId, useState } from 'react'
import type { BoardCreated } from '@shared/api/boards.ts'
import type { TemplateBody } from '@shared/api/templates.ts'
import { TITLE_MAX_CHARS } from '@shared/board/schema.ts'
import { ApiError, createBoard, listTemplates } from '../api/http.ts'
import { myBoardsChanged } from '../app/me.ts'
import { rememberBoard, rememberParticipantToken } from '../device/known-boards.ts'
import { useT } from '../i18n/use-t.ts'
import { ShareLinks } from './ShareLinks.tsx'
import { TemplatePicker, TemplateSummary } from './TemplatePicker.tsx'

/** The method a new board starts with: the first in the list, the one the tool is built around. */
const DEFAULT_TEMPLATE = 'disney'

/** Title and template in, three share links out (and the board remembered as facilitator). */
export function CreateBoard() {
  const { t, locale } = useT()
  const titleId = useId()
  const templateId = useId()
  const [templates, setTemplates] = useState<TemplateBody[]>([])
  const [template, setTemplate] = useState(DEFAULT_TEMPLATE)
  const [title, setTitle] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [created, setCreated] = useState<BoardCreated | null>(null)

  useEffect(() => {
    listTemplates().then(
      (list) => setTemplates(list.items),
      () => setTemplates([]), // the form still works with the default template
    )
  }, [])

  const submit = async () => {
    const trimmed = title.trim()
    if (!trimmed) {
      setError(t('create.titleRequired'))
      return
    }
    setBusy(true)
    setError(null)
    try {
      const board = await createBoard({ title: trimmed, template }, locale)
      rememberBoard(board.id, board.tokens.facilitator, board.title)
      // The facilitator's address bar will show the participant link: no round trip for it.
      rememberParticipantToken(board.id, board.tokens.participant)
      setCreated(board)
      myBoardsChanged.update((n) => n + 1)
    } catch (caught) {
      setError(
        caught instanceof ApiError
          ? caught.status === 0
            ? t('create.networkError')
            : t('create.failed', { message: caught.message })
          : t('create.failed', { message: String(caught) }),
      )
    } finally {
      setBusy(false)
    }
  }

  if (created) {
    return (
      <section className="card" aria-labelledby="created-title">
        <h2 id="created-title">{t('create.done', { title: created.title })}</h2>
        <ShareLinks board={created} />
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setCreated(null)
            setTitle('')
          }}
        >
          {t('create.another')}
        </button>
      </section>
    )
  }

  const selected = templates.find((item) => item.id === template)
  return (
    <section className="card" aria-labelledby="create-title">
      <h2 id="create-title">{t('create.title')}</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault()
          void submit()
        }}
      >
        <label htmlFor={titleId}>{t('create.boardTitle')}</label>
        <input
          id={titleId}
          value={title}
          maxLength={TITLE_MAX_CHARS}
          placeholder={t('create.placeholder')}
          onChange={(event) => setTitle(event.target.value)}
          aria-invalid={error !== null}
          aria-describedby={error ? `${titleId}-error` : undefined}
          required
        />
        {templates.length > 0 && (
          <>
            <label htmlFor={templateId}>{t('create.template')}</label>
            <TemplatePicker id={templateId} templates={templates} value={template} onChange={setTemplate} />
            {selected && <TemplateSummary template={selected} />}
          </>
        )}
        {error && (
          <p id={`${titleId}-error`} className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? t('create.creating') : t('create.submit')}
        </button>
      </form>
    </section>
  )
}
