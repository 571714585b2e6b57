import type { Locale } from '../templates/types.ts'
import type { IdeaStatus } from './workflow.ts'

/** Status names as people read them, for the registry UI and the exports. */
export const STATUS_LABELS: Readonly<Record<IdeaStatus, Readonly<Record<Locale, string>>>> = {
  new: { fi: 'Uusi', en: 'New', sv: 'Ny' },
  screening: { fi: 'Seulonnassa', en: 'Screening', sv: 'Under sållning' },
  evaluating: { fi: 'Arvioinnissa', en: 'Evaluating', sv: 'Under bedömning' },
  experimenting: { fi: 'Kokeilussa', en: 'Experimenting', sv: 'Försök pågår' },
  adopted: { fi: 'Otettu käyttöön', en: 'Adopted', sv: 'Infört' },
  stopped: { fi: 'Kokeilu lopetettu', en: 'Stopped', sv: 'Försöket avslutat' },
  parked: { fi: 'Odottaa', en: 'Parked', sv: 'Väntar' },
  rejected: { fi: 'Hylätty', en: 'Rejected', sv: 'Avslaget' },
  merged: { fi: 'Yhdistetty', en: 'Merged', sv: 'Sammanslaget' },
}

export function statusLabel(status: IdeaStatus, locale: Locale): string {
  return STATUS_LABELS[status][locale]
}
