import type { Digest, DigestIdea, DigestLang } from '../api/digest.ts'
import { dayOf, digestStatus, digestWord, methodName } from './labels.ts'

/**
 * The digest as plain sections of lines, the one reading both the Markdown and the HTML
 * render: headings, items (a title line and detail lines) in the digest's language.
 */

export interface DigestItem {
  /** The idea's ref, when the item is about an idea (renders as its link). */
  ref: string | null
  title: string
  details: string[]
}

export interface DigestSection {
  heading: string
  /** Sub-sections (experiments: started, running, ended) or items. */
  items: DigestItem[]
  parts?: DigestSection[]
}

function ideaTitle(idea: DigestIdea | undefined, id: string): { ref: string | null; title: string } {
  return idea ? { ref: idea.ref, title: `${idea.ref} ${idea.title}` } : { ref: null, title: id }
}

export function digestSections(digest: Digest): DigestSection[] {
  const lang: DigestLang = digest.lang
  const byId = new Map(digest.ideas.map((idea) => [idea.id, idea]))
  const status = (value: Parameters<typeof digestStatus>[0]) => digestStatus(value, lang)
  const ideaItem = (id: string, details: string[]): DigestItem => ({ ...ideaTitle(byId.get(id), id), details })
  const experimentDetails = (id: string): string[] => {
    const experiment = byId.get(id)?.experiment
    if (!experiment) return []
    const lines: string[] = []
    if (experiment.hypothesis) lines.push(`${digestWord('hypothesis', lang)}: ${experiment.hypothesis}`)
    if (experiment.metric) lines.push(`${digestWord('metric', lang)}: ${experiment.metric}`)
    if (experiment.owner) lines.push(`${digestWord('owner', lang)}: ${experiment.owner}`)
    const dates = [experiment.startsOn, experiment.endsOn].filter(Boolean).join(' – ')
    if (dates) lines.push(dates)
    if (experiment.result) lines.push(`${digestWord('result', lang)}: ${experiment.result}`)
    if (experiment.decision) lines.push(`${digestWord('decision', lang)}: ${experiment.decision}`)
    return lines
  }

  return [
    {
      heading: digestWord('newIdeas', lang),
      items: digest.newIdeas.map((id) => {
        const idea = byId.get(id)
        const from = idea
          ? digestWord('fromBoard', lang, { board: idea.board.title, method: methodName(idea.board.method, lang) })
          : ''
        return ideaItem(id, [[dayOf(idea?.createdAt ?? 0), from].join(' ').trim()])
      }),
    },
    {
      heading: digestWord('statusChanges', lang),
      items: digest.statusChanges.map((change) =>
        ideaItem(change.ideaId, [
          `${dayOf(change.at)}: ${status(change.from)} → ${status(change.to)}`,
          ...(change.comment ? [`“${change.comment}”`] : []),
        ]),
      ),
    },
    {
      heading: digestWord('experiments', lang),
      items: [],
      parts: (['started', 'running', 'ended'] as const).map((part) => ({
        heading: digestWord(part, lang),
        items: digest.experiments[part].map((id) => ideaItem(id, experimentDetails(id))),
      })),
    },
    {
      heading: digestWord('decisions', lang),
      items: digest.decisions.map((decision) => {
        const target = byId.get(decision.ideaId)?.mergedInto
        return ideaItem(decision.ideaId, [
          `${dayOf(decision.at)}: ${status(decision.status)}${
            decision.status === 'merged' && target ? ` (${digestWord('mergedInto', lang, { ref: target.ref })})` : ''
          }`,
          ...(decision.comment ? [`“${decision.comment}”`] : []),
          ...(decision.status === 'adopted' || decision.status === 'stopped'
            ? experimentDetails(decision.ideaId).filter((line) => !line.startsWith(digestWord('hypothesis', lang)))
            : []),
        ])
      }),
    },
    {
      heading: digestWord('workshops', lang),
      items: digest.workshops.map((workshop) => ({
        ref: null,
        title: `${workshop.title} (${methodName(workshop.method, lang)})`,
        details: [
          digestWord('workshopLine', lang, {
            notes: workshop.notes,
            participants: workshop.participants,
            ideas: workshop.ideasPromoted.length,
          }),
          ...workshop.ideasPromoted.map((id) => ideaTitle(byId.get(id), id).title),
        ],
      })),
    },
  ]
}
