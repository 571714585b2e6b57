import type { Locale } from '../templates/types.ts'

/** Words of the exports, in the UI's two languages. */
export const EXPORT_LABELS = {
  fi: {
    method: 'Menetelmä',
    exported: 'Viety',
    notes: (count: number) => (count === 1 ? '1 lappu' : `${count} lappua`),
    votes: (count: number) => (count === 1 ? '1 ääni' : `${count} ääntä`),
    noZone: 'Ilman aluetta',
    noNotes: 'ei lappuja',
    idea: 'idea',
    boardColumns: ['teksti', 'alue', 'väri', 'äänet', 'kirjoittaja', 'luotu', 'idean tunnus'],
    registryColumns: [
      'tunnus', 'id', 'otsikko', 'kuvaus', 'tila', 'toimiala', 'tunnisteet', 'äänet', 'taulun id', 'taulu',
      'menetelmä', 'lappujen id:t', 'alueet', 'laput', 'linkitetyt laput', 'hypoteesi', 'mittari', 'vastuuhenkilö', 'alkaa',
      'päättyy', 'tulos', 'päätös', 'yhdistetty ideaan', 'luotu', 'muutettu', 'historia',
    ],
    hub: 'innovaatiotiimi',
    facilitator: (board: string) => `fasilitaattori (${board})`,
    remark: 'kommentti',
    linked: (count: number) => `linkitti ${count === 1 ? '1 lapun' : `${count} lappua`}`,
    created: 'luotu',
  },
  en: {
    method: 'Method',
    exported: 'Exported',
    notes: (count: number) => (count === 1 ? '1 note' : `${count} notes`),
    votes: (count: number) => (count === 1 ? '1 vote' : `${count} votes`),
    noZone: 'No zone',
    noNotes: 'no notes',
    idea: 'idea',
    boardColumns: ['text', 'zone', 'colour', 'votes', 'author', 'created', 'idea ref'],
    registryColumns: [
      'ref', 'id', 'title', 'description', 'status', 'department', 'tags', 'votes', 'board id', 'board',
      'method', 'note ids', 'zones', 'notes', 'linked notes', 'hypothesis', 'metric', 'owner', 'starts on', 'ends on',
      'result', 'decision', 'merged into', 'created', 'updated', 'history',
    ],
    hub: 'innovation hub',
    facilitator: (board: string) => `facilitator (${board})`,
    remark: 'comment',
    linked: (count: number) => `linked ${count === 1 ? '1 note' : `${count} notes`}`,
    created: 'created',
  },
} as const satisfies Record<Locale, unknown>

/** A moment as ISO 8601 in UTC, to the second: 2026-03-01T09:30:00Z. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
}
