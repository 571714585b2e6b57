import { IDEA_COMMENT_MAX_CHARS } from '@shared/ideas/limits.ts'
import { useT } from '../../i18n/use-t.ts'

/**
 * The comment a hub form sends with its change (it goes into the idea's history): labelled
 * as required or optional, as the workflow asks for the change at hand.
 */
export function CommentField({
  id,
  value,
  onChange,
  required,
  rows = 2,
}: {
  id: string
  value: string
  onChange: (value: string) => void
  required: boolean
  rows?: number
}) {
  const { t } = useT()
  return (
    <>
      <label htmlFor={id}>
        {t('ideas.hub.comment')}{' '}
        <span className="muted">{required ? t('ideas.hub.required') : t('ideas.hub.optional')}</span>
      </label>
      <textarea
        id={id}
        rows={rows}
        maxLength={IDEA_COMMENT_MAX_CHARS}
        value={value}
        required={required}
        aria-required={required}
        onChange={(event) => onChange(event.target.value)}
      />
    </>
  )
}
