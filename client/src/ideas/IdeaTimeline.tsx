import type { HistoryField, HistoryValue, IdeaDetail } from '@shared/api/ideas.ts'
import { statusLabel } from '@shared/ideas/labels.ts'
import { isIdeaStatus } from '@shared/ideas/workflow.ts'
import type { MessageKey } from '../i18n/index.ts'
import { useT } from '../i18n/use-t.ts'
import { Link } from '../router/router.tsx'
import { EXPERIMENT_LABELS } from './ExperimentCard.tsx'
import { formatCalendarDate, formatDateTime } from './format.ts'
import { experimentFieldOf, relatedRefs, timelineOf, type TimelineItem } from './history.ts'

const FIELD_LABELS: Partial<Record<HistoryField, MessageKey>> = {
  status: 'ideas.field.status',
  title: 'ideas.field.title',
  description: 'ideas.field.description',
  department: 'ideas.field.department',
  tags: 'ideas.field.tags',
}

type Refs = ReturnType<typeof relatedRefs>

/** Every change to the idea, oldest first: who (the hub, or the facilitator of which board), when, what, why. */
export function IdeaTimeline({ idea }: { idea: IdeaDetail }) {
  const { t } = useT()
  const items = timelineOf(idea.history)
  const refs = relatedRefs(idea)
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('ideas.timelineTitle')}</h2>
      <ol className="timeline" data-testid="timeline">
        {items.map((item, index) => (
          <TimelineEntry key={`${item.at}-${index}`} item={item} refs={refs} />
        ))}
      </ol>
    </section>
  )
}

function TimelineEntry({ item, refs }: { item: TimelineItem; refs: Refs }) {
  const { t, locale } = useT()
  const who =
    item.by.role === 'hub'
      ? t('ideas.byHub')
      : t('ideas.byFacilitator', { board: item.by.boardTitle || t('board.untitled') })
  return (
    <li className="timeline-item">
      <p className="timeline-head">
        <time dateTime={new Date(item.at).toISOString()}>{formatDateTime(item.at, locale)}</time> ·{' '}
        <span className="who">{who}</span>
      </p>
      {item.changes.length > 0 && (
        <ul className="timeline-changes">
          {item.changes.map((change, index) => (
            <li key={`${change.field}-${index}`}>
              <ChangeText field={change.field} from={change.from} to={change.to} refs={refs} />
            </li>
          ))}
        </ul>
      )}
      {item.comment && <blockquote className="timeline-comment pre-wrap">{item.comment}</blockquote>}
      {item.changes.length === 0 && !item.comment && <p className="muted">{t('ideas.nothingChanged')}</p>}
    </li>
  )
}

function ChangeText({
  field,
  from,
  to,
  refs,
}: {
  field: HistoryField
  from: HistoryValue
  to: HistoryValue
  refs: Refs
}) {
  const { t, locale } = useT()
  const show = (value: HistoryValue): string => {
    if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) return t('ideas.emptyValue')
    if (Array.isArray(value)) return value.join(', ')
    if ((field === 'status' || field === 'created') && isIdeaStatus(value)) return statusLabel(value, locale)
    if (field === 'experiment.startsOn' || field === 'experiment.endsOn') return formatCalendarDate(value, locale)
    return value
  }
  const ideaLink = (value: HistoryValue) => {
    if (typeof value !== 'string') return t('ideas.emptyValue')
    const known = refs.get(value)
    return known ? (
      <Link to={`/ideas/${encodeURIComponent(known.ref)}`}>
        {known.ref} {known.title}
      </Link>
    ) : (
      value
    )
  }
  switch (field) {
    case 'created':
      return <>{t('ideas.change.created', { status: show(to) })}</>
    case 'linked':
      return <>{t('ideas.change.linked', { count: Array.isArray(to) ? to.length : 0 })}</>
    case 'mergedInto':
      return (
        <>
          {t('ideas.change.mergedInto')} {ideaLink(to)}
        </>
      )
    case 'mergedFrom':
      return (
        <>
          {ideaLink(to)} {t('ideas.change.mergedFrom')}
        </>
      )
    case 'description':
      return (
        <details>
          <summary>{t('ideas.change.description')}</summary>
          <p className="pre-wrap">{show(to)}</p>
        </details>
      )
    case 'comment':
      return null
    default: {
      const experimentField = experimentFieldOf(field)
      const label = experimentField
        ? `${t('ideas.experimentTitle')} · ${t(EXPERIMENT_LABELS[experimentField])}`
        : t(FIELD_LABELS[field] ?? 'ideas.field.status')
      return (
        <>
          <span className="change-field">{label}:</span> <span className="change-from">{show(from)}</span> →{' '}
          <strong className="change-to">{show(to)}</strong>
        </>
      )
    }
  }
}
