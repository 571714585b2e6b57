import type { Digest, DigestDecision, DigestIdea, DigestStatusChange, DigestWorkshop } from '@shared/api/digest.ts'

/**
 * The digest as a presentation: a title, the workshops held, one slide per idea (new, and
 * each experiment started, running or ended) and one per decision, then the other status
 * changes on one slide. Pure, so its order is tested without a browser.
 */
export type Slide =
  | { kind: 'title' }
  | { kind: 'workshops'; workshops: DigestWorkshop[] }
  | { kind: 'idea'; section: 'new' | 'started' | 'running' | 'ended'; idea: DigestIdea }
  | { kind: 'decision'; decision: DigestDecision; idea: DigestIdea }
  | { kind: 'changes'; changes: DigestStatusChange[] }
  | { kind: 'end' }

export function digestSlides(digest: Digest): Slide[] {
  const byId = new Map(digest.ideas.map((idea) => [idea.id, idea]))
  const slides: Slide[] = [{ kind: 'title' }]
  if (digest.workshops.length > 0) slides.push({ kind: 'workshops', workshops: digest.workshops })
  const ideaSlides = (section: 'new' | 'started' | 'running' | 'ended', ids: readonly string[]) => {
    for (const id of ids) {
      const idea = byId.get(id)
      if (idea) slides.push({ kind: 'idea', section, idea })
    }
  }
  ideaSlides('new', digest.newIdeas)
  ideaSlides('started', digest.experiments.started)
  ideaSlides('running', digest.experiments.running)
  // An experiment that ended in a decision is shown on the decision's slide.
  const decided = new Set(digest.decisions.map((decision) => decision.ideaId))
  ideaSlides(
    'ended',
    digest.experiments.ended.filter((id) => !decided.has(id)),
  )
  for (const decision of digest.decisions) {
    const idea = byId.get(decision.ideaId)
    if (idea) slides.push({ kind: 'decision', decision, idea })
  }
  // Moves not shown on a slide of their own (screening, evaluating, parked …).
  const shown = new Set(
    slides.flatMap((slide) => (slide.kind === 'idea' || slide.kind === 'decision' ? [slide.idea.id] : [])),
  )
  const others = digest.statusChanges.filter((change) => !shown.has(change.ideaId))
  if (others.length > 0) slides.push({ kind: 'changes', changes: others })
  slides.push({ kind: 'end' })
  return slides
}

/** Keys that move a presentation: arrows, a clicker's PageUp/PageDown, space and Enter. */
export function slideStep(key: string, shiftKey = false): -1 | 1 | 'first' | 'last' | null {
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
    case 'PageDown':
    case 'Enter':
      return 1
    case ' ':
      return shiftKey ? -1 : 1
    case 'ArrowLeft':
    case 'ArrowUp':
    case 'PageUp':
    case 'Backspace':
      return -1
    case 'Home':
      return 'first'
    case 'End':
      return 'last'
    default:
      return null
  }
}
