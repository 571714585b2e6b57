import type { DigestStep } from '@shared/api/digest.ts'
import { statusLabel } from '@shared/ideas/labels.ts'
import { useT } from '../i18n/use-t.ts'
import { StatusChip } from '../ideas/StatusChip.tsx'

/** An idea's way through the pipeline: each status it entered, when, and the hub's words. */
export function DigestTimeline({ steps }: { steps: readonly DigestStep[] }) {
  const { t, locale } = useT()
  const day = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'numeric', year: 'numeric' })
  return (
    <ol className="digest-timeline" aria-label={t('digest.timeline')}>
      {steps.map((step, index) => (
        <li key={index} aria-label={`${day.format(step.at)} ${statusLabel(step.status, locale)}`}>
          <time dateTime={new Date(step.at).toISOString()}>{day.format(step.at)}</time>
          <StatusChip status={step.status} />
          {step.comment && <q>{step.comment}</q>}
        </li>
      ))}
    </ol>
  )
}
