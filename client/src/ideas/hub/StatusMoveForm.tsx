import { useState } from 'react'
import { statusLabel } from '@shared/ideas/labels.ts'
import { useT } from '../../i18n/use-t.ts'
import { statusMoveBody, statusMoveOptions } from '../hub-forms.ts'
import { CommentField } from './CommentField.tsx'
import type { HubFormProps } from './HubActions.tsx'

/** The moves the workflow allows from the idea's status; a comment where the workflow asks why. */
export function StatusMoveForm({ idea, busy, submit, feedback }: HubFormProps) {
  const { t, locale } = useT()
  const options = statusMoveOptions(idea.status)
  const [to, setTo] = useState<string>('')
  const [comment, setComment] = useState('')
  const chosen = options.find((option) => option.to === to)
  if (options.length === 0) {
    return (
      <section className="hub-form" aria-labelledby="move-title">
        <h3 id="move-title">{t('ideas.hub.moveTitle')}</h3>
        <p className="muted">
          {idea.status === 'merged'
            ? t('ideas.hub.mergedEnd')
            : t('ideas.hub.finalStatus', { status: statusLabel(idea.status, locale) })}
        </p>
        {feedback}
      </section>
    )
  }
  return (
    <form
      className="hub-form"
      aria-labelledby="move-title"
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        void submit(statusMoveBody(chosen, comment), 'ideas.hub.moved')
      }}
    >
      <h3 id="move-title">{t('ideas.hub.moveTitle')}</h3>
      <fieldset className="radio-group">
        <legend>{t('ideas.hub.moveFrom', { status: statusLabel(idea.status, locale) })}</legend>
        {options.map((option) => (
          <label key={option.to} className="radio">
            <input
              type="radio"
              name="status-move"
              value={option.to}
              checked={to === option.to}
              onChange={() => setTo(option.to)}
            />
            <span>
              {statusLabel(option.to, locale)}
              {option.needsComment && <span className="muted"> — {t('ideas.hub.needsComment')}</span>}
            </span>
          </label>
        ))}
      </fieldset>
      <CommentField
        id="move-comment"
        rows={3}
        value={comment}
        onChange={setComment}
        required={chosen?.needsComment ?? false}
      />
      <button type="submit" aria-disabled={busy} disabled={!chosen}>
        {chosen ? t('ideas.hub.moveTo', { status: statusLabel(chosen.to, locale) }) : t('ideas.hub.move')}
      </button>
      {feedback}
    </form>
  )
}
