import type { DigestLang } from '../api/digest.ts'
import { statusLabel } from '../ideas/labels.ts'
import type { IdeaStatus } from '../ideas/workflow.ts'
import { TEMPLATES } from '../templates/index.ts'
import type { Locale } from '../templates/types.ts'

/** The words of the digest's Markdown and HTML, in the three languages the digest accepts. */
const WORDS = {
  title: { fi: 'Verkostotapaamisen kooste', en: 'Network meeting digest', sv: 'Sammandrag för nätverksmötet' },
  period: { fi: 'Ajalta {since} – {until}', en: 'Period {since} – {until}', sv: 'Perioden {since} – {until}' },
  newIdeas: { fi: 'Uudet ideat', en: 'New ideas', sv: 'Nya idéer' },
  statusChanges: { fi: 'Tilamuutokset', en: 'Status changes', sv: 'Statusändringar' },
  experiments: { fi: 'Kokeilut', en: 'Experiments', sv: 'Försök' },
  started: { fi: 'Alkaneet', en: 'Started', sv: 'Påbörjade' },
  running: { fi: 'Käynnissä', en: 'Running', sv: 'Pågående' },
  ended: { fi: 'Päättyneet', en: 'Ended', sv: 'Avslutade' },
  decisions: { fi: 'Päätökset', en: 'Decisions', sv: 'Beslut' },
  workshops: { fi: 'Pidetyt työpajat', en: 'Workshops held', sv: 'Hållna workshoppar' },
  nothing: { fi: 'Ei mitään tällä jaksolla.', en: 'Nothing in this period.', sv: 'Inget under perioden.' },
  fromBoard: {
    fi: 'taululta “{board}” ({method})',
    en: 'from “{board}” ({method})',
    sv: 'från tavlan ”{board}” ({method})',
  },
  hypothesis: { fi: 'Hypoteesi', en: 'Hypothesis', sv: 'Hypotes' },
  metric: { fi: 'Mittari', en: 'Metric', sv: 'Mätetal' },
  owner: { fi: 'Vastuuhenkilö', en: 'Owner', sv: 'Ansvarig' },
  result: { fi: 'Tulos', en: 'Result', sv: 'Resultat' },
  decision: { fi: 'Päätös', en: 'Decision', sv: 'Beslut' },
  mergedInto: { fi: 'yhdistetty ideaan {ref}', en: 'merged into {ref}', sv: 'sammanslagen med {ref}' },
  workshopLine: {
    fi: '{notes} lappua, {participants} osallistujaa, {ideas} ideaa viety rekisteriin',
    en: '{notes} notes, {participants} participants, {ideas} ideas promoted',
    sv: '{notes} lappar, {participants} deltagare, {ideas} idéer till registret',
  },
  timeline: { fi: 'Vaiheet', en: 'Timeline', sv: 'Tidslinje' },
} as const satisfies Record<string, Record<DigestLang, string>>

export type DigestWord = keyof typeof WORDS

export function digestWord(word: DigestWord, lang: DigestLang, params: Record<string, string | number> = {}): string {
  return WORDS[word][lang].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  )
}

/**
 * The shared labels (statuses, template names) exist in Finnish and English; Swedish ones
 * arrive with the Swedish catalogue, and until then these read in English.
 */
export function sharedLocale(lang: DigestLang): Locale {
  return lang === 'fi' ? 'fi' : 'en'
}

export function digestStatus(status: IdeaStatus, lang: DigestLang): string {
  return statusLabel(status, sharedLocale(lang))
}

/** A template id as its name ("disney" → "Disney-menetelmä"); an unknown id as itself. */
export function methodName(method: string, lang: DigestLang): string {
  const template = TEMPLATES.find((candidate) => candidate.id === method)
  return template ? template.name[sharedLocale(lang)] : method
}

/** A UTC calendar day from ms. */
export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}
