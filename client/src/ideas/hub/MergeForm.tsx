import { useEffect, useState } from 'react'
import type { IdeaSummary } from '@shared/api/ideas.ts'
import { similarIdeas } from '../../api/ideas.ts'
import { useT } from '../../i18n/use-t.ts'
import { StatusChip } from '../StatusChip.tsx'
import { mergeBody } from '../hub-forms.ts'
import { similarSearchText } from '../../promote/promote-model.ts'
import { CommentField } from './CommentField.tsx'
import type { HubFormProps } from './HubActions.tsx'

/**
 * Merging this idea into another: the target by its ref (similar ideas are offered), and the
 * comment the workflow asks for. The merged idea stays readable and points to its target.
 */
export function MergeForm({ idea, busy, submit, feedback }: HubFormProps) {
  const { t } = useT()
  const [target, setTarget] = useState('')
  const [comment, setComment] = useState('')
  const [candidates, setCandidates] = useState<readonly IdeaSummary[]>([])
  useEffect(() => {
    const request = new AbortController()
    const text = similarSearchText(idea.title, idea.description)
    if (!text) return
    similarIdeas(text, 6, request.signal).then(
      (found) => setCandidates(found.items.filter((candidate) => candidate.id !== idea.id).slice(0, 5)),
      () => undefined, // suggestions only: the ref can be typed
    )
    return () => request.abort()
  }, [idea.id, idea.title, idea.description])
  return (
    <details className="hub-form">
      <summary>{t('ideas.hub.mergeTitle')}</summary>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          void submit(mergeBody(target, comment), 'ideas.hub.merged')
        }}
      >
        <p className="muted">{t('ideas.hub.mergeLead', { ref: idea.ref })}</p>
        <label htmlFor="merge-target">{t('ideas.hub.mergeTarget')}</label>
        <input
          id="merge-target"
          value={target}
          maxLength={64}
          placeholder="KT-2026-0012"
          onChange={(event) => setTarget(event.target.value)}
        />
        {candidates.length > 0 && (
          <ul className="merge-candidates" aria-label={t('ideas.hub.mergeCandidates')}>
            {candidates.map((candidate) => (
              <li key={candidate.id}>
                <button type="button" onClick={() => setTarget(candidate.ref)} aria-pressed={target === candidate.ref}>
                  {candidate.ref}
                </button>{' '}
                {candidate.title} <StatusChip status={candidate.status} />
              </li>
            ))}
          </ul>
        )}
        <CommentField id="merge-comment" value={comment} onChange={setComment} required />
        <button type="submit" aria-disabled={busy}>
          {t('ideas.hub.merge')}
        </button>
        {feedback}
      </form>
    </details>
  )
}
