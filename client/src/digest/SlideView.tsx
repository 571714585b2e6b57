import type { Digest, DigestIdea } from '@shared/api/digest.ts'
import { statusLabel } from '@shared/ideas/labels.ts'
import { TEMPLATES } from '@shared/templates/index.ts'
import type { MessageKey } from '../i18n/index.ts'
import { useT } from '../i18n/use-t.ts'
import { StatusChip } from '../ideas/StatusChip.tsx'
import { DigestTimeline } from './DigestTimeline.tsx'
import type { Slide } from './slides.ts'

const SECTION_KEYS: Record<'new' | 'started' | 'running' | 'ended', MessageKey> = {
  new: 'digest.newIdeas',
  started: 'digest.started',
  running: 'digest.running',
  ended: 'digest.ended',
}

export function useMethodName(): (method: string) => string {
  const { locale } = useT()
  return (method) => TEMPLATES.find((template) => template.id === method)?.name[locale] ?? method
}

function IdeaBody({ idea }: { idea: DigestIdea }) {
  const { t } = useT()
  const method = useMethodName()
  const experiment = idea.experiment
  return (
    <>
      <p className="slide-from">
        {t('ideas.promotedFrom', {
          board: idea.board.title,
          method: method(idea.board.method),
          date: new Date(idea.createdAt).toLocaleDateString(),
        })}
      </p>
      {idea.description && <p className="slide-description">{idea.description}</p>}
      {experiment && (
        <dl className="slide-experiment">
          {(['hypothesis', 'metric', 'owner', 'result', 'decision'] as const)
            .filter((field) => experiment[field])
            .map((field) => (
              <div key={field}>
                <dt>{t(`ideas.experiment.${field}`)}</dt>
                <dd>{experiment[field]}</dd>
              </div>
            ))}
        </dl>
      )}
      <DigestTimeline steps={idea.timeline} />
    </>
  )
}

/** One slide, in large type for a projector. */
export function SlideView({ slide, digest }: { slide: Slide; digest: Digest }) {
  const { t, locale } = useT()
  const method = useMethodName()
  switch (slide.kind) {
    case 'title':
      return (
        <div className="slide slide-title">
          <h2>{t('digest.title')}</h2>
          <p>{t('digest.period', { since: digest.since, until: digest.until })}</p>
          <ul className="slide-counts">
            <li>{t('digest.countNew', { count: digest.newIdeas.length })}</li>
            <li>{t('digest.countDecisions', { count: digest.decisions.length })}</li>
            <li>
              {t('digest.countExperiments', {
                count: digest.experiments.started.length + digest.experiments.running.length,
              })}
            </li>
            <li>{t('digest.countWorkshops', { count: digest.workshops.length })}</li>
          </ul>
        </div>
      )
    case 'workshops':
      return (
        <div className="slide">
          <p className="slide-kicker">{t('digest.workshops')}</p>
          <ul className="slide-list">
            {slide.workshops.map((workshop) => (
              <li key={workshop.boardId}>
                <strong>{workshop.title}</strong> ({method(workshop.method)}):{' '}
                {t('digest.workshopLine', {
                  notes: workshop.notes,
                  participants: workshop.participants,
                  ideas: workshop.ideasPromoted.length,
                })}
              </li>
            ))}
          </ul>
        </div>
      )
    case 'idea':
      return (
        <div className="slide">
          <p className="slide-kicker">{t(SECTION_KEYS[slide.section])}</p>
          <h2>
            <span className="slide-ref">{slide.idea.ref}</span> {slide.idea.title}
          </h2>
          <IdeaBody idea={slide.idea} />
        </div>
      )
    case 'decision':
      return (
        <div className="slide slide-decision">
          <p className="slide-kicker">
            {t('digest.decision')}: <StatusChip status={slide.decision.status} />
          </p>
          <h2>
            <span className="slide-ref">{slide.idea.ref}</span> {slide.idea.title}
          </h2>
          {slide.decision.comment && <blockquote>{slide.decision.comment}</blockquote>}
          {slide.idea.mergedInto && (
            <p>{t('digest.mergedInto', { ref: slide.idea.mergedInto.ref, title: slide.idea.mergedInto.title })}</p>
          )}
          <IdeaBody idea={slide.idea} />
        </div>
      )
    case 'changes': {
      const byId = new Map(digest.ideas.map((idea) => [idea.id, idea]))
      return (
        <div className="slide">
          <p className="slide-kicker">{t('digest.statusChanges')}</p>
          <ul className="slide-list">
            {slide.changes.map((change, index) => (
              <li key={index}>
                <strong>{byId.get(change.ideaId)?.ref}</strong> {byId.get(change.ideaId)?.title}:{' '}
                {statusLabel(change.from, locale)} → {statusLabel(change.to, locale)}
                {change.comment && <q> {change.comment}</q>}
              </li>
            ))}
          </ul>
        </div>
      )
    }
    case 'end':
      return (
        <div className="slide slide-title">
          <h2>{t('digest.thanks')}</h2>
        </div>
      )
  }
}
