import { useEffect, useState } from 'react'
import { IDEA_DEPARTMENT_MAX_CHARS, IDEA_DESCRIPTION_MAX_CHARS, IDEA_TITLE_MAX_CHARS } from '@shared/ideas/limits.ts'
import { ideaFacets } from '../../api/ideas.ts'
import { useT } from '../../i18n/use-t.ts'
import { fieldsBody, fieldsFormOf, type IdeaFieldsForm } from '../hub-forms.ts'
import { CommentField } from './CommentField.tsx'
import type { HubFormProps } from './HubActions.tsx'

/** Title, description, department and tags; departments and tags in use are offered as suggestions. */
export function FieldsForm({ idea, busy, submit, feedback }: HubFormProps) {
  const { t } = useT()
  const [form, setForm] = useState<IdeaFieldsForm>(() => fieldsFormOf(idea))
  const [comment, setComment] = useState('')
  const [suggestions, setSuggestions] = useState<{ departments: string[]; tags: string[] }>({
    departments: [],
    tags: [],
  })
  useEffect(() => {
    const request = new AbortController()
    ideaFacets(request.signal).then(
      (facets) =>
        setSuggestions({
          departments: facets.departments.map((d) => d.value),
          tags: facets.tags.map((tag) => tag.value),
        }),
      () => undefined, // suggestions only: the fields work without them
    )
    return () => request.abort()
  }, [])
  const set = (field: keyof IdeaFieldsForm) => (event: { target: { value: string } }) =>
    setForm({ ...form, [field]: event.target.value })
  return (
    <details className="hub-form">
      <summary>{t('ideas.hub.editTitle')}</summary>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          void submit(fieldsBody(idea, form, comment), 'ideas.hub.saved')
        }}
      >
        <label htmlFor="edit-title">{t('ideas.field.title')}</label>
        <input id="edit-title" value={form.title} maxLength={IDEA_TITLE_MAX_CHARS} required onChange={set('title')} />
        <label htmlFor="edit-description">{t('ideas.field.description')}</label>
        <textarea
          id="edit-description"
          rows={6}
          value={form.description}
          maxLength={IDEA_DESCRIPTION_MAX_CHARS}
          onChange={set('description')}
        />
        <label htmlFor="edit-department">{t('ideas.field.department')}</label>
        <input
          id="edit-department"
          list="department-suggestions"
          value={form.department}
          maxLength={IDEA_DEPARTMENT_MAX_CHARS}
          onChange={set('department')}
        />
        <datalist id="department-suggestions">
          {suggestions.departments.map((value) => (
            <option key={value} value={value} />
          ))}
        </datalist>
        <label htmlFor="edit-tags">{t('ideas.field.tags')}</label>
        <input id="edit-tags" value={form.tags} onChange={set('tags')} aria-describedby="edit-tags-hint" />
        <p id="edit-tags-hint" className="muted">
          {t('ideas.hub.tagsHint')}
          {suggestions.tags.length > 0 &&
            ` ${t('ideas.hub.tagsInUse', { tags: suggestions.tags.slice(0, 12).join(', ') })}`}
        </p>
        <CommentField id="edit-comment" value={comment} onChange={setComment} required={false} />
        <button type="submit" aria-disabled={busy}>
          {t('common.save')}
        </button>
        {feedback}
      </form>
    </details>
  )
}
