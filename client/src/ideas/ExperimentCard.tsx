import type { Experiment, ExperimentField, IdeaDetail } from '@shared/api/ideas.ts'
import type { MessageKey } from '../i18n/index.ts'
import { useT } from '../i18n/use-t.ts'
import { formatCalendarDate } from './format.ts'
import { canEditExperimentNow } from './hub-forms.ts'

export const EXPERIMENT_LABELS: Record<ExperimentField, MessageKey> = {
  hypothesis: 'ideas.experiment.hypothesis',
  metric: 'ideas.experiment.metric',
  owner: 'ideas.experiment.owner',
  startsOn: 'ideas.experiment.startsOn',
  endsOn: 'ideas.experiment.endsOn',
  result: 'ideas.experiment.result',
  decision: 'ideas.experiment.decision',
}

const TEXT_FIELDS = ['hypothesis', 'metric', 'owner', 'result', 'decision'] as const

/** The controlled experiment: hypothesis, metric, owner, dates, result and decision. */
export function ExperimentCard({ idea }: { idea: IdeaDetail }) {
  const { t, locale } = useT()
  const experiment: Experiment | null = idea.experiment
  return (
    <section className="card experiment-card" aria-labelledby="experiment-title" data-testid="experiment-card">
      <h2 id="experiment-title">{t('ideas.experimentTitle')}</h2>
      {!experiment ? (
        <p className="muted">
          {canEditExperimentNow(idea.status) ? t('ideas.experimentNoneYet') : t('ideas.experimentNone')}
        </p>
      ) : (
        <dl className="experiment-fields">
          {TEXT_FIELDS.slice(0, 3).map((field) => (
            <Field key={field} label={t(EXPERIMENT_LABELS[field])} value={experiment[field]} />
          ))}
          <Field
            label={t('ideas.experiment.dates')}
            value={
              experiment.startsOn || experiment.endsOn
                ? `${experiment.startsOn ? formatCalendarDate(experiment.startsOn, locale) : '…'} – ${experiment.endsOn ? formatCalendarDate(experiment.endsOn, locale) : '…'}`
                : ''
            }
          />
          {TEXT_FIELDS.slice(3).map((field) => (
            <Field key={field} label={t(EXPERIMENT_LABELS[field])} value={experiment[field]} />
          ))}
        </dl>
      )}
    </section>
  )
}

function Field({ label, value }: { label: string; value: string }) {
  const { t } = useT()
  return (
    <div>
      <dt>{label}</dt>
      <dd className={value ? 'pre-wrap' : 'muted'}>{value || t('ideas.notYet')}</dd>
    </div>
  )
}
