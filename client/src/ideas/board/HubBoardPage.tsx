import { useEffect, useState, type DragEvent } from 'react'
import type { IdeaPatchBody, IdeaSummary } from '@shared/api/ideas.ts'
import { statusLabel } from '@shared/ideas/labels.ts'
import type { IdeaStatus } from '@shared/ideas/workflow.ts'
import { ApiError } from '../../api/http.ts'
import { ideaFacets, listIdeas, patchIdea } from '../../api/ideas.ts'
import { useT } from '../../i18n/use-t.ts'
import { useStore } from '../../lib/use-store.ts'
import { searchStore } from '../../router/router.tsx'
import { useHubCredential } from '../use-hub-credential.ts'
import { IdeaFilters } from '../IdeaFilters.tsx'
import { IdeaListModel } from '../list-model.ts'
import { parseListState } from '../list-query.ts'
import { RegistryHeader } from '../RegistryHeader.tsx'
import { BOARD_COLUMNS, COLLAPSED_COLUMNS, planBoardMove } from './board-moves.ts'
import { HubBoardModel, type BoardColumnData } from './board-model.ts'
import { CARD_MIME, IdeaCard } from './IdeaCard.tsx'
import { MoveDialog } from './MoveDialog.tsx'
import './hub-board.css'

type Notice = { kind: 'done' | 'refused' | 'failed'; text: string }

/**
 * `/ideas/board`: the hub board. Ideas as cards in columns by status; dragging a card to a
 * column (or "Move to…" on the card) makes the move the idea page makes, through the same
 * PATCH and the same workflow rules. Moves made anywhere else arrive live (board-model.ts).
 */
export function HubBoardPage() {
  const { t, locale } = useT()
  const hub = useHubCredential()
  const allowed = hub !== null
  const [model] = useState(() => {
    const filters = new IdeaListModel(
      { list: async () => ({ items: [], total: 0, limit: 0, offset: 0 }), facets: ideaFacets },
      { ...parseListState(searchStore.get()), statuses: [] },
    )
    return new HubBoardModel(filters, listIdeas)
  })
  const data = useStore(model.data)
  const live = useStore(model.live)
  const [asking, setAsking] = useState<{
    idea: IdeaSummary
    to: IdeaStatus
    needsTarget: boolean
    fromKeyboard: boolean
  } | null>(null)
  const [notice, setNotice] = useState<Notice | null>(null)
  const [over, setOver] = useState<IdeaStatus | null>(null)
  // The card whose "Move to…" toggle takes the keyboard back once its new column is drawn.
  const [refocus, setRefocus] = useState<string | null>(null)
  useEffect(() => {
    if (refocus === null) return
    document.querySelector<HTMLElement>(`[data-move-toggle="${CSS.escape(refocus)}"]`)?.focus()
    setRefocus(null)
  }, [refocus, data])

  useEffect(() => {
    document.title = `${t('hubBoard.title')} · Kokeileva`
  }, [t])
  useEffect(() => {
    model.start()
    return () => model.destroy()
  }, [model])

  const send = async (idea: IdeaSummary, body: IdeaPatchBody, refocus: boolean) => {
    if (!hub) return
    const to = body.status ?? idea.status
    try {
      await patchIdea(idea.id, body, hub.token)
      setNotice({ kind: 'done', text: t('hubBoard.moved', { ref: idea.ref, status: statusLabel(to, locale) }) })
    } catch (error) {
      const message = error instanceof ApiError ? error.message : String(error)
      setNotice({ kind: 'failed', text: t('hubBoard.moveFailed', { ref: idea.ref, message }) })
    }
    await model.load()
    // The card is drawn anew in its column: the keyboard stays with it, ready for its next move.
    // Focused after React has drawn it there (an effect): focusing the old card here lost the
    // focus when that card was removed a moment later.
    if (refocus) setRefocus(idea.id)
  }

  const move = (ideaId: string, to: IdeaStatus, fromKeyboard = false) => {
    const idea = model.ideaOf(ideaId)
    if (!idea || !allowed) return
    const plan = planBoardMove(idea.status, to)
    if (plan.kind === 'none') return
    if (plan.kind === 'refused') {
      const allowed = plan.allowed.map((status) => statusLabel(status, locale)).join(', ')
      setNotice({
        kind: 'refused',
        text: t(allowed ? 'hubBoard.refused' : 'hubBoard.refusedFinal', {
          ref: idea.ref,
          from: statusLabel(plan.from, locale),
          to: statusLabel(plan.to, locale),
          allowed,
        }),
      })
      return
    }
    if (plan.kind === 'ask') {
      setAsking({ idea, to, needsTarget: plan.needsTarget, fromKeyboard })
      return
    }
    void send(idea, plan.body, fromKeyboard)
  }

  const dropProps = (status: IdeaStatus) => ({
    onDragOver: (event: DragEvent) => {
      if (!allowed || !event.dataTransfer.types.includes(CARD_MIME)) return
      event.preventDefault()
      event.dataTransfer.dropEffect = 'move'
      setOver(status)
    },
    onDragLeave: () => setOver((current) => (current === status ? null : current)),
    onDrop: (event: DragEvent) => {
      event.preventDefault()
      setOver(null)
      const id = event.dataTransfer.getData(CARD_MIME)
      if (id) move(id, status, false)
    },
  })

  const columnOf = (status: IdeaStatus): BoardColumnData =>
    (data.kind === 'loaded' ? data.columns.get(status) : undefined) ?? { items: [], total: 0 }
  const cards = (status: IdeaStatus) => {
    const column = columnOf(status)
    return (
      <>
        <ul className="hub-cards">
          {column.items.map((idea) => (
            <IdeaCard key={idea.id} idea={idea} movable={allowed} onMove={(id, to) => move(id, to, true)} />
          ))}
        </ul>
        {column.total > column.items.length && (
          <p className="muted">{t('hubBoard.more', { count: column.total - column.items.length })}</p>
        )}
      </>
    )
  }

  return (
    <main className="page registry-page hub-board-page">
      <RegistryHeader onList={false} />
      <h1>{t('hubBoard.title')}</h1>
      <p className="lead">{allowed ? t('hubBoard.lead') : t('hubBoard.readOnly')}</p>
      <p className="muted hub-live" data-live={live}>
        {t(live === 'live' ? 'hubBoard.live' : live === 'connecting' ? 'hubBoard.connecting' : 'hubBoard.reconnecting')}
      </p>
      <div role="status" aria-live="polite" className={notice ? `hub-notice hub-notice-${notice.kind}` : 'hub-notice'}>
        {notice?.text}
      </div>
      <div className="hub-board-grid">
        <IdeaFilters model={model.filters} statusAndSort={false} />
        {data.kind === 'error' ? (
          <p role="alert">{t('ideas.loadFailed', { message: data.message })}</p>
        ) : (
          <div className="hub-columns" aria-busy={data.kind === 'loading'}>
            {BOARD_COLUMNS.map((status) => (
              <section
                key={status}
                className={`hub-column${over === status ? ' hub-column-over' : ''}`}
                data-status={status}
                aria-labelledby={`hub-column-${status}`}
                {...dropProps(status)}
              >
                <h2 id={`hub-column-${status}`}>
                  {statusLabel(status, locale)} <span className="muted">({columnOf(status).total})</span>
                </h2>
                {cards(status)}
              </section>
            ))}
            <div className="hub-collapsed">
              {COLLAPSED_COLUMNS.map((status) => (
                <details
                  key={status}
                  className={`hub-column hub-column-collapsed${over === status ? ' hub-column-over' : ''}`}
                  data-status={status}
                  {...dropProps(status)}
                >
                  <summary>
                    {statusLabel(status, locale)} <span className="muted">({columnOf(status).total})</span>
                  </summary>
                  {cards(status)}
                </details>
              ))}
            </div>
          </div>
        )}
      </div>
      {asking && (
        <MoveDialog
          idea={asking.idea}
          to={asking.to}
          needsTarget={asking.needsTarget}
          onCancel={() => setAsking(null)}
          onSend={(body) => {
            const { idea, fromKeyboard } = asking
            setAsking(null)
            void send(idea, body, fromKeyboard)
          }}
        />
      )}
    </main>
  )
}
