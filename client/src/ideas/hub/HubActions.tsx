import { useState } from 'react'
import type { IdeaDetail } from '../../../../shared/api/ideas.ts'
import type { MessageKey } from '../../i18n/index.ts'
import { useT } from '../../i18n/use-t.ts'
import { removeHubToken } from '../hub-token.ts'
import { canEditExperimentNow, canMerge, type FormProblem, type PatchOrProblem } from '../hub-forms.ts'
import type { IdeaModel } from '../idea-model.ts'
import { ExperimentForm } from './ExperimentForm.tsx'
import { FieldsForm } from './FieldsForm.tsx'
import { MergeForm } from './MergeForm.tsx'
import { StatusMoveForm } from './StatusMoveForm.tsx'

export const PROBLEM_MESSAGES: Record<FormProblem, MessageKey> = {
  titleRequired: 'ideas.problem.titleRequired',
  commentRequired: 'ideas.problem.commentRequired',
  tooManyTags: 'ideas.problem.tooManyTags',
  tagTooLong: 'ideas.problem.tagTooLong',
  datesOrder: 'ideas.problem.datesOrder',
  mergeTargetRequired: 'ideas.problem.mergeTargetRequired',
  nothingChanged: 'ideas.problem.nothingChanged',
}

type Feedback =
  | { kind: 'none' }
  | { kind: 'busy' }
  | { kind: 'saved'; key: MessageKey }
  | { kind: 'problem'; key: MessageKey }
  | { kind: 'refused'; message: string; tokenRejected: boolean; status: number }

/** What a hub form hands over: its body (or why it has none) and what to say on success. */
export type SubmitChange = (change: PatchOrProblem, saved: MessageKey) => Promise<boolean>

/**
 * The innovation hub's actions on one idea, shown once the hub token is on this device: move
 * its status (only the moves the workflow draws), edit its fields, keep its experiment record,
 * merge it into another idea. The server's refusals (409, 400) are shown as it words them.
 */
export function HubActions({ idea, model, hubToken }: { idea: IdeaDetail; model: IdeaModel; hubToken: string }) {
  const { t } = useT()
  const [feedback, setFeedback] = useState<Feedback>({ kind: 'none' })
  const submit: SubmitChange = async (change, saved) => {
    if ('problem' in change) {
      setFeedback({ kind: 'problem', key: PROBLEM_MESSAGES[change.problem] })
      return false
    }
    setFeedback({ kind: 'busy' })
    const outcome = await model.patch(change.body, hubToken)
    if (outcome.ok) {
      setFeedback({ kind: 'saved', key: saved })
      return true
    }
    setFeedback({ kind: 'refused', message: outcome.message, tokenRejected: outcome.tokenRejected, status: outcome.status })
    return false
  }
  const busy = feedback.kind === 'busy'
  return (
    <div className="hub-actions" data-testid="hub-actions">
      <h2>{t('ideas.hub.actions')}</h2>
      <div aria-live="polite" role="status" className="hub-feedback">
        {feedback.kind === 'saved' && <p className="saved">{t(feedback.key)}</p>}
        {feedback.kind === 'busy' && <p className="muted">{t('ideas.hub.saving')}</p>}
      </div>
      {(feedback.kind === 'problem' || feedback.kind === 'refused') && (
        <div role="alert" className="error" data-testid="hub-error">
          {feedback.kind === 'problem' && <p>{t(feedback.key)}</p>}
          {feedback.kind === 'refused' && (
            <>
              <p>{feedback.status === 0 ? t('ideas.networkError') : t('ideas.hub.refused', { message: feedback.message })}</p>
              {feedback.tokenRejected && (
                <p>
                  {t('ideas.hub.tokenRejected')}{' '}
                  <button type="button" className="link-button" onClick={() => removeHubToken()}>{t('ideas.hub.remove')}</button>
                </p>
              )}
            </>
          )}
        </div>
      )}
      {/* Forms start again from the idea as the server answered it after each change. */}
      <StatusMoveForm key={`status-${idea.updatedAt}`} idea={idea} busy={busy} submit={submit} />
      {canEditExperimentNow(idea.status) && (
        <ExperimentForm key={`experiment-${idea.updatedAt}`} idea={idea} busy={busy} submit={submit} />
      )}
      <FieldsForm key={`fields-${idea.updatedAt}`} idea={idea} busy={busy} submit={submit} />
      {canMerge(idea.status) && <MergeForm key={`merge-${idea.updatedAt}`} idea={idea} busy={busy} submit={submit} />}
    </div>
  )
}
