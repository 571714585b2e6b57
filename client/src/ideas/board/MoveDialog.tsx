import { useRef, useState } from 'react'
import type { IdeaPatchBody, IdeaSummary } from '@shared/api/ideas.ts'
import { statusLabel } from '@shared/ideas/labels.ts'
import { IDEA_COMMENT_MAX_CHARS } from '@shared/ideas/limits.ts'
import type { IdeaStatus } from '@shared/ideas/workflow.ts'
import { useT } from '../../i18n/use-t.ts'
import { Dialog } from '../../lib/Dialog.tsx'
import { answeredMove } from './board-moves.ts'

/** A move the workflow asks a reason for (parked, rejected, stopped; merged also needs its target). */
export function MoveDialog({
  idea,
  to,
  needsTarget,
  onSend,
  onCancel,
}: {
  idea: IdeaSummary
  to: IdeaStatus
  needsTarget: boolean
  onSend: (body: IdeaPatchBody) => void
  onCancel: () => void
}) {
  const { t, locale } = useT()
  const [comment, setComment] = useState('')
  const [target, setTarget] = useState('')
  const [tried, setTried] = useState(false)
  const first = useRef<HTMLTextAreaElement>(null)
  const body = answeredMove(to, comment, target)
  return (
    <Dialog labelledBy="move-dialog-title" onClose={onCancel} initialFocus={first}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          setTried(true)
          if (body) onSend(body)
        }}
      >
        <h2 id="move-dialog-title">{t('hubBoard.askTitle', { ref: idea.ref, status: statusLabel(to, locale) })}</h2>
        <p>{t('hubBoard.askWhy')}</p>
        <label htmlFor="move-dialog-comment">{t('ideas.hub.comment')}</label>
        <textarea
          id="move-dialog-comment"
          ref={first}
          rows={3}
          required
          aria-required
          maxLength={IDEA_COMMENT_MAX_CHARS}
          value={comment}
          onChange={(event) => setComment(event.target.value)}
        />
        {needsTarget && (
          <>
            <label htmlFor="move-dialog-target">{t('hubBoard.mergeTarget')}</label>
            <input
              id="move-dialog-target"
              required
              maxLength={64}
              placeholder="KT-2026-0042"
              value={target}
              onChange={(event) => setTarget(event.target.value)}
            />
          </>
        )}
        {tried && !body && (
          <p role="alert" className="form-problem">
            {needsTarget ? t('hubBoard.askMissingTarget') : t('hubBoard.askMissing')}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onCancel}>
            {t('hubBoard.cancel')}
          </button>
          <button type="submit">{t('ideas.hub.moveTo', { status: statusLabel(to, locale) })}</button>
        </div>
      </form>
    </Dialog>
  )
}
