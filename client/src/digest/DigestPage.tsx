import { useEffect, useMemo, useState } from 'react'
import type { Digest } from '@shared/api/digest.ts'
import { statusLabel } from '@shared/ideas/labels.ts'
import { fetchDigest, markDigestHeld } from '../api/digest.ts'
import { ApiError } from '../api/http.ts'
import { useT } from '../i18n/use-t.ts'
import { useHubCredential } from '../ideas/use-hub-credential.ts'
import { RegistryHeader } from '../ideas/RegistryHeader.tsx'
import { useStore } from '../lib/use-store.ts'
import { Link, navigate, searchStore } from '../router/router.tsx'
import { Presentation } from './Presentation.tsx'
import { digestSlides } from './slides.ts'
import { SlideView } from './SlideView.tsx'
import './digest.css'

type Loaded = { kind: 'loading' } | { kind: 'loaded'; digest: Digest } | { kind: 'error'; message: string }

const DAY = /^\d{4}-\d{2}-\d{2}$/

/**
 * `/digest?since=&until=`: the network meeting. The period's digest as the minutes (one page,
 * printable or saved as PDF with the print stylesheet) and as a presentation (Presentation.tsx).
 * Without `since` the server starts from the day the previous digest was held.
 */
export function DigestPage() {
  const { t, locale } = useT()
  const search = useStore(searchStore)
  const hub = useHubCredential()
  const params = new URLSearchParams(search)
  const since = DAY.test(params.get('since') ?? '') ? params.get('since')! : ''
  const until = DAY.test(params.get('until') ?? '') ? params.get('until')! : ''
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' })
  const [presenting, setPresenting] = useState(false)
  const [held, setHeld] = useState<string | null>(null)
  const [form, setForm] = useState({ since, until })

  const query = useMemo(() => {
    const query = new URLSearchParams({ lang: locale })
    if (since) query.set('since', since)
    if (until) query.set('until', until)
    return query.toString()
  }, [since, until, locale])

  useEffect(() => {
    document.title = `${t('digest.title')} · Kokeileva`
  }, [t])
  useEffect(() => {
    const request = new AbortController()
    setLoaded((current) => (current.kind === 'loaded' ? current : { kind: 'loading' }))
    fetchDigest(query, request.signal).then(
      (digest) => {
        setLoaded({ kind: 'loaded', digest })
        setForm({ since: digest.since, until: digest.until })
      },
      (error: unknown) => {
        if (!request.signal.aborted) setLoaded({ kind: 'error', message: error instanceof Error ? error.message : '' })
      },
    )
    return () => request.abort()
  }, [query])

  const digest = loaded.kind === 'loaded' ? loaded.digest : null
  const slides = useMemo(() => (digest ? digestSlides(digest) : []), [digest])
  const byId = new Map(digest?.ideas.map((idea) => [idea.id, idea]) ?? [])
  const periodQuery = digest ? `since=${digest.since}&until=${digest.until}&lang=${locale}` : ''

  return (
    <main className="page registry-page digest-page">
      <div className="digest-controls">
        <RegistryHeader onList={false} />
      </div>
      <h1>{t('digest.title')}</h1>
      {digest && <p className="lead">{t('digest.period', { since: digest.since, until: digest.until })}</p>}
      <form
        className="digest-controls digest-period"
        onSubmit={(event) => {
          event.preventDefault()
          const next = new URLSearchParams()
          if (form.since) next.set('since', form.since)
          if (form.until) next.set('until', form.until)
          navigate(`/digest?${next}`)
        }}
      >
        <label>
          {t('digest.since')}{' '}
          <input type="date" value={form.since} onChange={(e) => setForm({ ...form, since: e.target.value })} />
        </label>
        <label>
          {t('digest.until')}{' '}
          <input type="date" value={form.until} onChange={(e) => setForm({ ...form, until: e.target.value })} />
        </label>
        <button type="submit">{t('digest.show')}</button>
      </form>
      {digest && (
        <div className="digest-controls digest-actions">
          <button type="button" className="primary" onClick={() => setPresenting(true)}>
            {t('digest.present')}
          </button>
          <button type="button" onClick={() => window.print()}>
            {t('digest.print')}
          </button>
          <a href={`/api/digest?${periodQuery}&format=md`} download>
            {t('digest.downloadMd')}
          </a>
          <a href={`/api/digest?${periodQuery}&format=html`} target="_blank" rel="noreferrer">
            {t('digest.openHtml')}
          </a>
          {hub && (
            <button
              type="button"
              onClick={() => {
                markDigestHeld(digest.until, hub.token).then(
                  (answer) => setHeld(t('digest.heldDone', { day: answer.heldOn })),
                  (error: unknown) => setHeld(error instanceof ApiError ? error.message : String(error)),
                )
              }}
            >
              {t('digest.markHeld', { day: digest.until })}
            </button>
          )}
          <p role="status">{held ?? (digest.previous ? t('digest.previous', { day: digest.previous }) : '')}</p>
        </div>
      )}
      {loaded.kind === 'loading' && <p>{t('ideas.loading')}</p>}
      {loaded.kind === 'error' && <p role="alert">{t('digest.failed', { message: loaded.message })}</p>}
      {digest && (
        <article className="digest-minutes">
          <section>
            <h2>{t('digest.workshops')}</h2>
            {digest.workshops.length === 0 ? (
              <p>{t('digest.nothing')}</p>
            ) : (
              <SlideView slide={{ kind: 'workshops', workshops: digest.workshops }} digest={digest} />
            )}
          </section>
          <section>
            <h2>{t('digest.newIdeas')}</h2>
            {digest.newIdeas.length === 0 && <p>{t('digest.nothing')}</p>}
            <ul>
              {digest.newIdeas.map((id) => (
                <li key={id}>
                  <Link to={`/ideas/${byId.get(id)?.ref ?? id}`}>
                    {byId.get(id)?.ref} {byId.get(id)?.title}
                  </Link>{' '}
                  — {byId.get(id)?.board.title}
                </li>
              ))}
            </ul>
          </section>
          <section>
            <h2>{t('digest.statusChanges')}</h2>
            {digest.statusChanges.length === 0 && <p>{t('digest.nothing')}</p>}
            <ul>
              {digest.statusChanges.map((change, index) => (
                <li key={index}>
                  {byId.get(change.ideaId)?.ref} {byId.get(change.ideaId)?.title}: {statusLabel(change.from, locale)} →{' '}
                  {statusLabel(change.to, locale)} ({new Date(change.at).toLocaleDateString(locale)})
                  {change.comment && <q> {change.comment}</q>}
                </li>
              ))}
            </ul>
          </section>
          <section>
            <h2>{t('digest.experiments')}</h2>
            {(['started', 'running', 'ended'] as const).map((part) => (
              <div key={part}>
                <h3>{t(`digest.${part}`)}</h3>
                {digest.experiments[part].length === 0 && <p>{t('digest.nothing')}</p>}
                <ul>
                  {digest.experiments[part].map((id) => {
                    const idea = byId.get(id)
                    return (
                      <li key={id}>
                        {idea?.ref} {idea?.title}
                        {idea?.experiment?.result && ` — ${t('ideas.experiment.result')}: ${idea.experiment.result}`}
                      </li>
                    )
                  })}
                </ul>
              </div>
            ))}
          </section>
          <section>
            <h2>{t('digest.decisions')}</h2>
            {digest.decisions.length === 0 && <p>{t('digest.nothing')}</p>}
            {digest.decisions.map((decision) => {
              const idea = byId.get(decision.ideaId)
              return idea ? (
                <div key={decision.ideaId + decision.at} className="digest-decision">
                  <SlideView slide={{ kind: 'decision', decision, idea }} digest={digest} />
                </div>
              ) : null
            })}
          </section>
        </article>
      )}
      {presenting && digest && <Presentation digest={digest} slides={slides} onClose={() => setPresenting(false)} />}
    </main>
  )
}
