import { useEffect, useRef, useState } from 'react'
import type { IdeaSummary } from '@shared/api/ideas.ts'
import { IDEA_DESCRIPTION_MAX_CHARS, IDEA_TITLE_MAX_CHARS, PROMOTE_NOTES_MAX } from '@shared/ideas/limits.ts'
import { promoteNotes, similarIdeas } from '../api/ideas.ts'
import type { BoardContextValue } from '../board/board-context.ts'
import { useT } from '../i18n/use-t.ts'
import { StatusChip } from '../ideas/StatusChip.tsx'
import { Dialog } from '../lib/Dialog.tsx'
import { useStore } from '../lib/use-store.ts'
import { PromoteModel, type PromoteState } from './promote-model.ts'

/** The promote dialog: its own chunk, loaded the first time a facilitator promotes notes (PromoteOverlay.tsx). */
export function PromoteDialog({
  board,
  noteIds,
  onClose,
}: {
  board: BoardContextValue
  noteIds: readonly string[]
  onClose: () => void
}) {
  const { t } = useT()
  const [model] = useState(() => {
    const notes = noteIds.map((id) => board.session.stores.notes.get(id)).filter((note) => note !== undefined)
    const { boardId } = board.session
    return new PromoteModel(
      {
        similar: (text, limit, signal) => similarIdeas(text, limit, signal),
        // The token as it is when promoting: a reset of the facilitator's link replaces it.
        promote: (body) => promoteNotes(boardId, board.session.token, body),
      },
      notes,
    )
  })
  useEffect(() => {
    void model.start()
    return () => model.destroy()
  }, [model])
  const state = useStore(model.state)
  const titleInput = useRef<HTMLInputElement>(null)
  const boardTitle = useStore(board.session.stores.meta).title || t('board.untitled')

  return (
    <Dialog labelledBy="promote-title" onClose={onClose} initialFocus={titleInput} className="promote-dialog">
      <h2 id="promote-title">{t('promote.title')}</h2>
      {state.phase.kind === 'done' ? (
        <PromoteDone state={state} onClose={onClose} />
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault()
            void model.promote()
          }}
          noValidate
        >
          <p className="muted">{t('promote.lead', { count: state.noteIds.length, board: boardTitle })}</p>
          <ExistingNotice state={state} />
          {state.noteIds.length > PROMOTE_NOTES_MAX && (
            <p className="error" role="alert">
              {t('promote.tooMany', { max: PROMOTE_NOTES_MAX })}
            </p>
          )}
          <label htmlFor="promote-idea-title">{t('promote.ideaTitle')}</label>
          <input
            id="promote-idea-title"
            ref={titleInput}
            value={state.title}
            maxLength={IDEA_TITLE_MAX_CHARS}
            required
            aria-invalid={state.titleMissing}
            aria-describedby={state.titleMissing ? 'promote-title-missing' : undefined}
            onChange={(event) => model.setTitle(event.target.value)}
          />
          {state.titleMissing && (
            <p id="promote-title-missing" className="error">
              {t('promote.titleRequired')}
            </p>
          )}
          <label htmlFor="promote-idea-description">{t('promote.description')}</label>
          <textarea
            id="promote-idea-description"
            rows={6}
            value={state.description}
            maxLength={IDEA_DESCRIPTION_MAX_CHARS}
            onChange={(event) => model.setDescription(event.target.value)}
          />
          <SimilarIdeas state={state} onLink={(idea) => void model.linkTo(idea.id)} />
          {state.error && (
            <p className="error" role="alert" data-testid="promote-error">
              {state.error.status === 0
                ? t('ideas.networkError')
                : t('promote.refused', { message: state.error.message })}
            </p>
          )}
          <div className="dialog-actions">
            <button type="button" className="secondary" onClick={onClose}>
              {t('promote.cancel')}
            </button>
            {/* aria-disabled, not disabled: a disabled button would drop the keyboard focus. */}
            <button
              type="submit"
              aria-disabled={state.phase.kind === 'sending'}
              disabled={state.noteIds.length > PROMOTE_NOTES_MAX}
            >
              {state.phase.kind === 'sending' && state.phase.linkTo === null
                ? t('promote.sending')
                : t('promote.submit')}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  )
}

function ExistingNotice({ state }: { state: PromoteState }) {
  const { t } = useT()
  if (state.existing.length === 0) return null
  const refs = state.existing.map((idea) => idea.ref).join(', ')
  return (
    <p className="notice" role="note">
      {state.allInOneIdea ? t('promote.alreadyIdea', { ref: refs }) : t('promote.partlyPromoted', { refs })}
    </p>
  )
}

function SimilarIdeas({ state, onLink }: { state: PromoteState; onLink: (idea: IdeaSummary) => void }) {
  const { t } = useT()
  const { items, loading, failed } = state.similar
  const sending = state.phase.kind === 'sending'
  return (
    <section className="similar-ideas" aria-labelledby="similar-title" aria-busy={loading}>
      <h3 id="similar-title">{t('promote.similarTitle')}</h3>
      <p className="muted" aria-live="polite">
        {failed
          ? t('promote.similarFailed')
          : loading && items.length === 0
            ? t('promote.similarLoading')
            : items.length === 0
              ? t('promote.similarNone')
              : t('promote.similarHint')}
      </p>
      {items.length > 0 && (
        <ul data-testid="similar-ideas">
          {items.map((idea) => (
            <li key={idea.id}>
              <div className="similar-head">
                <a href={`/ideas/${encodeURIComponent(idea.ref)}`} target="_blank" rel="noopener">
                  <span className="idea-ref">{idea.ref}</span> {idea.title}
                </a>
                <StatusChip status={idea.status} />
              </div>
              {idea.excerpt && <p className="similar-excerpt">{idea.excerpt}</p>}
              <button
                type="button"
                aria-disabled={sending}
                onClick={() => onLink(idea)}
                aria-label={t('promote.linkToLabel', { ref: idea.ref, title: idea.title })}
              >
                {state.phase.kind === 'sending' && state.phase.linkTo === idea.id
                  ? t('promote.sending')
                  : t('promote.linkTo')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

function PromoteDone({ state, onClose }: { state: PromoteState; onClose: () => void }) {
  const { t } = useT()
  const close = useRef<HTMLButtonElement>(null)
  useEffect(() => close.current?.focus(), [])
  if (state.phase.kind !== 'done') return null
  const { idea, outcome } = state.phase
  const message =
    outcome === 'created' ? 'promote.doneCreated' : outcome === 'linked' ? 'promote.doneLinked' : 'promote.doneExisting'
  return (
    <div data-testid="promote-done">
      <p role="status">{t(message, { ref: idea.ref, title: idea.title })}</p>
      <p className="muted">{t('promote.badgeHint')}</p>
      <div className="dialog-actions">
        <a className="button primary" href={`/ideas/${encodeURIComponent(idea.ref)}`} target="_blank" rel="noopener">
          {t('promote.openIdea', { ref: idea.ref })}
        </a>
        <button ref={close} type="button" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </div>
  )
}
