import type { IdeaSummary } from '@shared/api/ideas.ts'
import { useT } from '../i18n/use-t.ts'
import { useStore } from '../lib/use-store.ts'
import { Link } from '../router/router.tsx'
import { formatDate } from './format.ts'
import type { IdeaListModel } from './list-model.ts'
import { isFiltered, pageCount, withChange } from './list-query.ts'
import { StatusChip } from './StatusChip.tsx'

/** The page of ideas answering the filters, its count, and the pager. */
export function IdeaResults({ model }: { model: IdeaListModel }) {
  const { t } = useT()
  const state = useStore(model.state)
  const result = useStore(model.result)

  if (result.kind === 'loading')
    return (
      <p className="muted" role="status">
        {t('ideas.loading')}
      </p>
    )
  if (result.kind === 'error') {
    return (
      <div role="alert" className="error">
        <p>{result.status === 0 ? t('ideas.networkError') : t('ideas.loadFailed', { message: result.message })}</p>
        <button type="button" onClick={() => void model.load()}>
          {t('ideas.retry')}
        </button>
      </div>
    )
  }
  const { list, loading } = result
  const pages = pageCount(list.total, model.pageSize)
  const first = list.total === 0 ? 0 : list.offset + 1
  const last = list.offset + list.items.length
  return (
    <section className="idea-results" aria-labelledby="idea-count" aria-busy={loading}>
      <p id="idea-count" className="result-count" role="status" data-testid="idea-count">
        {list.total === 0
          ? ''
          : t(isFiltered(state) ? 'ideas.countFiltered' : 'ideas.count', { total: list.total, first, last })}
      </p>
      {list.items.length === 0 ? (
        <EmptyList
          filtered={isFiltered(state)}
          pageBeyond={list.total > 0}
          onFirstPage={() => model.set({ ...state, page: 1 })}
        />
      ) : (
        <ol className="idea-list" data-testid="idea-list">
          {list.items.map((idea) => (
            <IdeaRow key={idea.id} idea={idea} onTag={(tag) => model.set(withChange(state, { tag }))} />
          ))}
        </ol>
      )}
      {pages > 1 && (
        <nav className="pager" aria-label={t('ideas.pages')}>
          <button
            type="button"
            disabled={state.page <= 1}
            onClick={() => model.set({ ...state, page: state.page - 1 })}
          >
            ← {t('ideas.previous')}
          </button>
          <span>{t('ideas.pageOf', { page: state.page, pages })}</span>
          <button
            type="button"
            disabled={state.page >= pages}
            onClick={() => model.set({ ...state, page: state.page + 1 })}
          >
            {t('ideas.next')} →
          </button>
        </nav>
      )}
    </section>
  )
}

function EmptyList({
  filtered,
  pageBeyond,
  onFirstPage,
}: {
  filtered: boolean
  pageBeyond: boolean
  onFirstPage: () => void
}) {
  const { t } = useT()
  if (pageBeyond) {
    return (
      <p>
        {t('ideas.pageEmpty')}{' '}
        <button type="button" className="link-button" onClick={onFirstPage}>
          {t('ideas.firstPage')}
        </button>
      </p>
    )
  }
  return <p className="empty-list">{filtered ? t('ideas.noMatches') : t('ideas.empty')}</p>
}

function IdeaRow({ idea, onTag }: { idea: IdeaSummary; onTag: (tag: string) => void }) {
  const { t, locale } = useT()
  return (
    <li className="idea-row" data-ref={idea.ref}>
      <div className="idea-row-head">
        <Link to={`/ideas/${encodeURIComponent(idea.ref)}`} className="idea-title-link">
          <span className="idea-ref">{idea.ref}</span> <span>{idea.title}</span>
        </Link>
        <StatusChip status={idea.status} />
      </div>
      {idea.excerpt && idea.excerpt.trim() !== idea.title.trim() && <p className="idea-excerpt">{idea.excerpt}</p>}
      <p className="idea-meta muted">
        <span>{t('ideas.fromBoard', { board: idea.source.boardTitle })}</span>
        {idea.department && <span>{idea.department}</span>}
        <span>{t('ideas.votes', { count: idea.votes })}</span>
        <span>{t('ideas.noteCount', { count: idea.noteCount })}</span>
        {idea.hasExperiment && <span>{t('ideas.hasExperiment')}</span>}
        <span>{t('ideas.changedOn', { date: formatDate(idea.updatedAt, locale) })}</span>
      </p>
      {idea.tags.length > 0 && (
        <ul className="tag-list" aria-label={t('ideas.tags')}>
          {idea.tags.map((tag) => (
            <li key={tag}>
              <button
                type="button"
                className="tag"
                onClick={() => onTag(tag)}
                aria-label={t('ideas.filterByTag', { tag })}
              >
                #{tag}
              </button>
            </li>
          ))}
        </ul>
      )}
    </li>
  )
}
