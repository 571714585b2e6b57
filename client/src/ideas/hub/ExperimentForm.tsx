import { useState } from 'react'
import { EXPERIMENT_TEXT_MAX_CHARS } from '@shared/ideas/limits.ts'
import { useT } from '../../i18n/use-t.ts'
import { EXPERIMENT_LABELS } from '../ExperimentCard.tsx'
import { experimentBody, experimentFormOf, type ExperimentForm as Form } from '../hub-forms.ts'
import { CommentField } from './CommentField.tsx'
import type { HubFormProps } from './HubActions.tsx'

const LONG_FIELDS = ['hypothesis', 'metric', 'result', 'decision'] as const

/** The experiment record, editable while the idea is evaluating or experimenting. */
export function ExperimentForm({ idea, busy, submit, feedback }: HubFormProps) {
  const { t } = useT()
  const [form, setForm] = useState<Form>(() => experimentFormOf(idea.experiment))
  const [comment, setComment] = useState('')
  const set = (field: keyof Form) => (event: { target: { value: string } }) =>
    setForm({ ...form, [field]: event.target.value })
  return (
    <details className="hub-form" open={idea.status === 'experimenting' || undefined}>
      <summary>{t('ideas.hub.experimentTitle')}</summary>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          void submit(experimentBody(idea.experiment, form, comment), 'ideas.hub.saved')
        }}
      >
        {LONG_FIELDS.slice(0, 2).map((field) => (
          <TextField key={field} field={field} value={form[field]} onChange={set(field)} />
        ))}
        <label htmlFor="experiment-owner">{t(EXPERIMENT_LABELS.owner)}</label>
        <input id="experiment-owner" value={form.owner} maxLength={200} onChange={set('owner')} />
        <div className="date-row">
          <div>
            <label htmlFor="experiment-startsOn">{t(EXPERIMENT_LABELS.startsOn)}</label>
            <input
              id="experiment-startsOn"
              type="date"
              className="date-input"
              value={form.startsOn}
              onChange={set('startsOn')}
            />
          </div>
          <div>
            <label htmlFor="experiment-endsOn">{t(EXPERIMENT_LABELS.endsOn)}</label>
            <input
              id="experiment-endsOn"
              type="date"
              className="date-input"
              value={form.endsOn}
              min={form.startsOn || undefined}
              onChange={set('endsOn')}
            />
          </div>
        </div>
        {LONG_FIELDS.slice(2).map((field) => (
          <TextField key={field} field={field} value={form[field]} onChange={set(field)} />
        ))}
        <CommentField id="experiment-comment" value={comment} onChange={setComment} required={false} />
        <button type="submit" aria-disabled={busy}>
          {t('common.save')}
        </button>
        {feedback}
      </form>
    </details>
  )
}

function TextField({
  field,
  value,
  onChange,
}: {
  field: (typeof LONG_FIELDS)[number]
  value: string
  onChange: (event: { target: { value: string } }) => void
}) {
  const { t } = useT()
  return (
    <>
      <label htmlFor={`experiment-${field}`}>{t(EXPERIMENT_LABELS[field])}</label>
      <textarea
        id={`experiment-${field}`}
        rows={2}
        maxLength={EXPERIMENT_TEXT_MAX_CHARS}
        value={value}
        onChange={onChange}
      />
    </>
  )
}
