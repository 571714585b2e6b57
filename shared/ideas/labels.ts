import type { Locale } from '../templates/types.ts'
import type { IdeaStatus } from './workflow.ts'

/** Status names as people read them, for the registry UI and the exports. */
export const STATUS_LABELS: Readonly<Record<IdeaStatus, Readonly<Record<Locale, string>>>> = {
  new: { fi: 'Uusi', en: 'New' },
  screening: { fi: 'Seulonnassa', en: 'Screening' },
  evaluating: { fi: 'Arvioinnissa', en: 'Evaluating' },
  experimenting: { fi: 'Kokeilussa', en: 'Experimenting' },
  adopted: { fi: 'Otettu käyttöön', en: 'Adopted' },
  stopped: { fi: 'Kokeilu lopetettu', en: 'Stopped' },
  parked: { fi: 'Odottaa', en: 'Parked' },
  rejected: { fi: 'Hylätty', en: 'Rejected' },
  merged: { fi: 'Yhdistetty', en: 'Merged' },
}

export function statusLabel(status: IdeaStatus, locale: Locale): string {
  return STATUS_LABELS[status][locale]
}
