import { useEffect, useRef, useState, type ReactNode } from 'react'
import type { IdeaDetail } from '@shared/api/ideas.ts'
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

export type HubFormId = 'status' | 'fields' | 'experiment' | 'merge'

/** What a hub form hands over: its body (or why it has none) and what to say on success. */
export type SubmitChange = (change: PatchOrProblem, saved: MessageKey) => Promise<boolean>

/** What every hub form gets: whether a change is on its way, how to send one, and the answer to its last one. */
export interface HubFormProps {
  idea: IdeaDetail
  busy: boolean
  submit: SubmitChange
  feedback: ReactNode
}

/**
 * The innovation hub's actions on one idea, shown once the hub token is on this device (or to a
 * signed-in member of the hub group): move its status (only the moves the workflow draws), edit
 * its fields, keep its experiment record, merge it into another idea. The server's refusals (409, 400) are shown as it words them,
 * next to the form that was sent.
 */
export function HubActions({
  idea,
  model,
  hubToken,
}: {
  idea: IdeaDetail
  model: IdeaModel
  /** null: the signed-in person is in the hub group (AUTH=oidc); their session is the credential. */
  hubToken: string | null
}) {
  const { t } = useT()
  const [feedback, setFeedback] = useState<{ form: HubFormId; state: Feedback } | null>(null)
  const sending = useRef(false)
  const submitFrom =
    (form: HubFormId): SubmitChange =>
    async (change, saved) => {
      if (sending.current) return false // one change at a time
      if ('problem' in change) {
        setFeedback({ form, state: { kind: 'problem', key: PROBLEM_MESSAGES[change.problem] } })
        return false
      }
      setFeedback({ form, state: { kind: 'busy' } })
      sending.current = true
      const outcome = await model.patch(change.body, hubToken).finally(() => {
        sending.current = false
      })
      if (outcome.ok) {
        setFeedback({ form, state: { kind: 'saved', key: saved } })
        return true
      }
      setFeedback({
        form,
        state: {
          kind: 'refused',
          message: outcome.message,
          tokenRejected: outcome.tokenRejected,
          status: outcome.status,
        },
      })
      return false
    }
  const busy = feedback?.state.kind === 'busy'
  const props = (form: HubFormId): HubFormProps => ({
    idea,
    busy,
    submit: submitFrom(form),
    // A merge ends the merge form: its answer shows where the status is.
    feedback:
      feedback &&
      (feedback.form === form || (form === 'status' && feedback.form === 'merge' && !canMerge(idea.status))) ? (
        <FeedbackText state={feedback.state} />
      ) : null,
  })
  return (
    <div className="hub-actions" data-testid="hub-actions">
      <h2>{t('ideas.hub.actions')}</h2>
      {/* Forms start again from the idea as the server answered it after each change. */}
      <StatusMoveForm key={`status-${idea.updatedAt}`} {...props('status')} />
      {canEditExperimentNow(idea.status) && (
        <ExperimentForm key={`experiment-${idea.updatedAt}`} {...props('experiment')} />
      )}
      <FieldsForm key={`fields-${idea.updatedAt}`} {...props('fields')} />
      {canMerge(idea.status) && <MergeForm key={`merge-${idea.updatedAt}`} {...props('merge')} />}
    </div>
  )
}

function FeedbackText({ state }: { state: Feedback }) {
  const { t } = useT()
  switch (state.kind) {
    case 'none':
      return null
    case 'busy':
      return (
        <p className="muted" role="status">
          {t('ideas.hub.saving')}
        </p>
      )
    case 'saved':
      return <SavedText text={t(state.key)} />
    case 'problem':
      return (
        <p className="error" role="alert" data-testid="hub-error">
          {t(state.key)}
        </p>
      )
    case 'refused':
      return (
        <div className="error" role="alert" data-testid="hub-error">
          <p>{state.status === 0 ? t('ideas.networkError') : t('ideas.hub.refused', { message: state.message })}</p>
          {state.tokenRejected && (
            <p>
              {t('ideas.hub.tokenRejected')}{' '}
              <button type="button" className="link-button" onClick={() => removeHubToken()}>
                {t('ideas.hub.remove')}
              </button>
            </p>
          )}
        </div>
      )
  }
}

/**
 * "Saved." After a change the forms start again from the new idea, which takes the focus
 * with the old form: the message takes it, so the keyboard goes on from where it was.
 */
function SavedText({ text }: { text: string }) {
  const element = useRef<HTMLParagraphElement>(null)
  useEffect(() => {
    if (!document.activeElement || document.activeElement === document.body) element.current?.focus()
  }, [])
  return (
    <p ref={element} className="saved" role="status" tabIndex={-1}>
      {text}
    </p>
  )
}
