import { useEffect, useState } from 'react'
import type { IdeaDetail } from '@shared/api/ideas.ts'
import { getIdea, patchIdea } from '../api/ideas.ts'
import { useT } from '../i18n/use-t.ts'
import { useStore } from '../lib/use-store.ts'
import { Link } from '../router/router.tsx'
import { ExperimentCard } from './ExperimentCard.tsx'
import { formatDateTime } from './format.ts'
import { HubActions } from './hub/HubActions.tsx'
import { useHubCredential } from './use-hub-credential.ts'
import { IdeaModel } from './idea-model.ts'
import { IdeaProvenance } from './IdeaProvenance.tsx'
import { IdeaTimeline } from './IdeaTimeline.tsx'
import { RegistryHeader } from './RegistryHeader.tsx'
import { StatusChip } from './StatusChip.tsx'

/** `/ideas/:id` (an id or a ref): the idea, where it came from, its experiment and its timeline. */
export function IdeaPage({ id }: { id: string }) {
  return <IdeaView key={id} id={id} />
}

function IdeaView({ id }: { id: string }) {
  const { t } = useT()
  const [model] = useState(() => new IdeaModel({ get: getIdea, patch: patchIdea }, id))
  useEffect(() => {
    void model.load()
    return () => model.destroy()
  }, [model])
  const state = useStore(model.state)
  // The hub acts with its token, or signed in as a member of its group (AUTH=oidc).
  const hub = useHubCredential()
  useEffect(() => {
    if (state.kind === 'loaded') document.title = `${state.idea.ref} ${state.idea.title} · Kokeileva`
  }, [state])

  return (
    <main className="page idea-page">
      <RegistryHeader onList={false} />
      {state.kind === 'loading' && (
        <p className="muted" role="status">
          {t('ideas.loading')}
        </p>
      )}
      {state.kind === 'missing' && (
        <>
          <h1>{t('ideas.missingTitle')}</h1>
          <p>{t('ideas.missingBody', { id })}</p>
          <Link to="/ideas">{t('ideas.backToList')}</Link>
        </>
      )}
      {state.kind === 'error' && (
        <div role="alert">
          <p className="error">
            {state.status === 0 ? t('ideas.networkError') : t('ideas.loadFailed', { message: state.message })}
          </p>
          <button type="button" onClick={() => void model.load()}>
            {t('ideas.retry')}
          </button>
        </div>
      )}
      {state.kind === 'loaded' && (
        <div className={hub ? 'idea-layout with-side' : 'idea-layout'}>
          <article className="idea-main" aria-labelledby="idea-title">
            <IdeaHeading idea={state.idea} />
            <section aria-labelledby="idea-description-title">
              <h2 id="idea-description-title">{t('ideas.descriptionTitle')}</h2>
              {state.idea.description ? (
                <p className="pre-wrap">{state.idea.description}</p>
              ) : (
                <p className="muted">{t('ideas.noDescription')}</p>
              )}
            </section>
            <ExperimentCard idea={state.idea} />
            <IdeaProvenance idea={state.idea} />
            <IdeaTimeline idea={state.idea} />
          </article>
          {hub && (
            <aside className="idea-side" aria-label={t('ideas.hub.actions')}>
              <HubActions idea={state.idea} model={model} hubToken={hub.token} />
            </aside>
          )}
        </div>
      )}
    </main>
  )
}

function IdeaHeading({ idea }: { idea: IdeaDetail }) {
  const { t, locale } = useT()
  const { mergedInto, mergedFrom } = idea.related
  return (
    <header className="idea-heading">
      <p className="idea-ref-line">
        <span className="idea-ref" data-testid="idea-ref">
          {idea.ref}
        </span>{' '}
        <StatusChip status={idea.status} />
      </p>
      <h1 id="idea-title">{idea.title}</h1>
      <p className="idea-meta muted">
        {idea.department && <span>{idea.department}</span>}
        <span>{t('ideas.votes', { count: idea.votes })}</span>
        <span>{t('ideas.createdAt', { date: formatDateTime(idea.createdAt, locale) })}</span>
        <span>{t('ideas.updatedAt', { date: formatDateTime(idea.updatedAt, locale) })}</span>
      </p>
      {idea.tags.length > 0 && (
        <ul className="tag-list" aria-label={t('ideas.tags')}>
          {idea.tags.map((tag) => (
            <li key={tag}>
              <Link className="tag" to={`/ideas?tag=${encodeURIComponent(tag)}`}>
                #{tag}
              </Link>
            </li>
          ))}
        </ul>
      )}
      {mergedInto && (
        <p className="notice" role="note" data-testid="merged-into">
          {t('ideas.mergedIntoLead')}{' '}
          <Link to={`/ideas/${encodeURIComponent(mergedInto.ref)}`}>
            {mergedInto.ref} {mergedInto.title}
          </Link>
        </p>
      )}
      {mergedFrom.length > 0 && (
        <div className="notice" role="note" data-testid="merged-from">
          {t('ideas.mergedFromLead')}
          <ul>
            {mergedFrom.map((link) => (
              <li key={link.id}>
                <Link to={`/ideas/${encodeURIComponent(link.ref)}`}>
                  {link.ref} {link.title}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      )}
    </header>
  )
}
