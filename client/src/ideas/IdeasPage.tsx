import { useEffect, useState } from 'react'
import { ideaFacets, listIdeas } from '../api/ideas.ts'
import { useT } from '../i18n/use-t.ts'
import { navigate, searchStore } from '../router/router.tsx'
import { IdeaFilters } from './IdeaFilters.tsx'
import { IdeaResults } from './IdeaResults.tsx'
import { lastListSearch } from './last-list-search.ts'
import { IdeaListModel } from './list-model.ts'
import { listStateToSearch, parseListState } from './list-query.ts'
import { RegistryExport } from './RegistryExport.tsx'
import { RegistryHeader } from './RegistryHeader.tsx'

/**
 * `/ideas`: the registry's ideas with filters (status, department, tag), search, sort and
 * pages. The filters live in the address, so a filtered list can be bookmarked or shared.
 */
export function IdeasPage() {
  const { t } = useT()
  const [model] = useState(
    () => new IdeaListModel({ list: listIdeas, facets: ideaFacets }, parseListState(searchStore.get())),
  )
  useEffect(() => {
    document.title = `${t('ideas.title')} · Kokeileva`
  }, [t])
  useEffect(() => {
    void model.start()
    // The model's state → the address (replacing the entry: typing is not history).
    const offState = model.state.subscribe(() => {
      const search = listStateToSearch(model.state.get())
      const wanted = search ? `?${search}` : ''
      lastListSearch.set(wanted)
      if (window.location.pathname === '/ideas' && window.location.search !== wanted) {
        navigate(`/ideas${wanted}`, { replace: true })
      }
    })
    // Back/forward to another filtered list → the model.
    const offSearch = searchStore.subscribe(() => {
      const search = searchStore.get()
      const current = listStateToSearch(model.state.get())
      if (search.replace(/^\?/, '') !== current && window.location.pathname === '/ideas')
        model.set(parseListState(search))
    })
    lastListSearch.set(window.location.search)
    return () => {
      offState()
      offSearch()
      model.destroy()
    }
  }, [model])
  return (
    <main className="page registry-page">
      <RegistryHeader onList />
      <h1>{t('ideas.title')}</h1>
      <p className="lead">{t('ideas.lead')}</p>
      <div className="registry-grid">
        <IdeaFilters model={model} />
        <div>
          <IdeaResults model={model} />
          <RegistryExport />
        </div>
      </div>
    </main>
  )
}
