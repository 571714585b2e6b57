import { IDEA_SORTS, type IdeaSort } from '@shared/ideas/fields.ts'
import { statusLabel } from '@shared/ideas/labels.ts'
import { IDEA_STATUSES, type IdeaStatus } from '@shared/ideas/workflow.ts'
import type { MessageKey } from '../i18n/index.ts'
import { useT } from '../i18n/use-t.ts'
import { useStore } from '../lib/use-store.ts'
import type { IdeaListModel } from './list-model.ts'
import { EMPTY_LIST_STATE, effectiveSort, isFiltered, withChange } from './list-query.ts'

const SORT_LABELS: Record<IdeaSort, MessageKey> = {
  relevance: 'ideas.sort.relevance',
  newest: 'ideas.sort.newest',
  votes: 'ideas.sort.votes',
  changed: 'ideas.sort.changed',
}

/**
 * Search, status, department, tag and sort: every change asks the server again. The hub board
 * shows statuses as its columns, in its own order: there `statusAndSort` is false.
 */
export function IdeaFilters({ model, statusAndSort = true }: { model: IdeaListModel; statusAndSort?: boolean }) {
  const { t, locale } = useT()
  const state = useStore(model.state)
  const facets = useStore(model.facets)
  const counts = new Map(facets?.statuses.map((entry) => [entry.value, entry.count]) ?? [])
  const searching = state.q.trim().length > 0
  const toggleStatus = (status: IdeaStatus, on: boolean) => {
    const chosen = new Set(state.statuses)
    if (on) chosen.add(status)
    else chosen.delete(status)
    model.set(withChange(state, { statuses: IDEA_STATUSES.filter((s) => chosen.has(s)) }))
  }
  // A department or tag chosen from the address may not be among the facets (none left): keep it selectable.
  const departments = facets?.departments ?? []
  const tags = facets?.tags ?? []
  return (
    <aside className="registry-filters" aria-label={t('ideas.filters')}>
      <form role="search" onSubmit={(event) => event.preventDefault()}>
        <label htmlFor="idea-search">{t('ideas.search')}</label>
        <input
          id="idea-search"
          type="search"
          maxLength={200}
          value={state.q}
          placeholder={t('ideas.searchPlaceholder')}
          onChange={(event) => model.set(withChange(state, { q: event.target.value }))}
        />
      </form>

      {statusAndSort && <label htmlFor="idea-sort">{t('ideas.sort')}</label>}
      {statusAndSort && (
        <select
          id="idea-sort"
          value={effectiveSort(state)}
          onChange={(event) => {
            const sort = IDEA_SORTS.find((value) => value === event.target.value) ?? null
            model.set(withChange(state, { sort }))
          }}
        >
          {IDEA_SORTS.filter((sort) => sort !== 'relevance' || searching).map((sort) => (
            <option key={sort} value={sort}>
              {t(SORT_LABELS[sort])}
            </option>
          ))}
        </select>
      )}

      {statusAndSort && (
        <fieldset className="status-filter">
          <legend>{t('ideas.status')}</legend>
          {IDEA_STATUSES.map((status) => (
            <label key={status} className="checkbox">
              <input
                type="checkbox"
                checked={state.statuses.includes(status)}
                onChange={(event) => toggleStatus(status, event.target.checked)}
              />
              <span>{statusLabel(status, locale)}</span>
              {facets && <span className="muted count"> ({counts.get(status) ?? 0})</span>}
            </label>
          ))}
        </fieldset>
      )}

      <label htmlFor="idea-department">{t('ideas.department')}</label>
      <select
        id="idea-department"
        value={state.department ?? ''}
        onChange={(event) => model.set(withChange(state, { department: event.target.value || null }))}
      >
        <option value="">{t('ideas.allDepartments')}</option>
        {state.department && !departments.some((entry) => entry.value === state.department) && (
          <option value={state.department}>{state.department}</option>
        )}
        {departments.map((entry) => (
          <option key={entry.value} value={entry.value}>
            {entry.value} ({entry.count})
          </option>
        ))}
      </select>

      <label htmlFor="idea-tag">{t('ideas.tag')}</label>
      <select
        id="idea-tag"
        value={state.tag ?? ''}
        onChange={(event) => model.set(withChange(state, { tag: event.target.value || null }))}
      >
        <option value="">{t('ideas.allTags')}</option>
        {state.tag && !tags.some((entry) => entry.value === state.tag) && (
          <option value={state.tag}>{state.tag}</option>
        )}
        {tags.map((entry) => (
          <option key={entry.value} value={entry.value}>
            {entry.value} ({entry.count})
          </option>
        ))}
      </select>

      {isFiltered(state) && (
        <button
          type="button"
          className="clear-filters"
          onClick={() => model.set({ ...EMPTY_LIST_STATE, sort: state.sort === 'relevance' ? null : state.sort })}
        >
          {t('ideas.clearFilters')}
        </button>
      )}
    </aside>
  )
}
