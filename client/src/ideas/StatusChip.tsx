import { isIdeaStatus } from '@shared/ideas/workflow.ts'
import { statusLabel } from '@shared/ideas/labels.ts'
import { useT } from '../i18n/use-t.ts'

/** An idea's status as a readable, coloured label (the colour is never the only cue). */
export function StatusChip({ status }: { status: string }) {
  const { locale } = useT()
  const label = isIdeaStatus(status) ? statusLabel(status, locale) : status
  return (
    <span className={`status-chip status-${status}`} data-status={status}>
      {label}
    </span>
  )
}
