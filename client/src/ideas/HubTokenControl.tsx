import { useEffect, useRef, useState } from 'react'
import { checkHubToken } from '../api/ideas.ts'
import { meStore } from '../app/me.ts'
import { useT } from '../i18n/use-t.ts'
import { useStore } from '../lib/use-store.ts'
import { Link } from '../router/router.tsx'
import { hubTokenStore, isHubMember, removeHubToken, saveHubToken } from './hub-token.ts'

type Status = { kind: 'idle' } | { kind: 'checking' } | { kind: 'invalid' } | { kind: 'unreachable' }

/**
 * The innovation hub's sign-in on this device: the token is checked with the server, kept in
 * this browser until removed, and removable in one click. Without it the registry is read-only.
 * With AUTH=oidc a signed-in member of the hub group acts without a token; a signed-in person
 * outside it is told plainly that changing ideas is the hub's (the server answers them 403).
 */
export function HubTokenControl() {
  const { t } = useT()
  const token = useStore(hubTokenStore)
  const me = useStore(meStore)
  const [open, setOpen] = useState(false)
  const [value, setValue] = useState('')
  const [status, setStatus] = useState<Status>({ kind: 'idle' })
  const justChanged = useRef(false)
  const signedIn = useRef<HTMLSpanElement>(null)
  const enter = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    // The control the keyboard was on is gone: what replaced it takes the focus.
    if (justChanged.current) (token ? signedIn.current : enter.current)?.focus()
    justChanged.current = false
  }, [token, open])

  if (token) {
    return (
      <section className="hub-bar hub-bar-on" aria-label={t('ideas.hub.label')} data-testid="hub-signed-in">
        <span ref={signedIn} tabIndex={-1}>
          {t('ideas.hub.signedIn')}
        </span>
        <Link to="/ideas/deliveries">{t('webhooks.link')}</Link>
        <button
          type="button"
          onClick={() => {
            justChanged.current = true
            removeHubToken()
          }}
        >
          {t('ideas.hub.remove')}
        </button>
      </section>
    )
  }
  if (me.user && isHubMember(me)) {
    return (
      <section className="hub-bar hub-bar-on" aria-label={t('ideas.hub.label')} data-testid="hub-signed-in">
        <span>{t('ideas.hub.member', { name: me.user.name })}</span>
        <Link to="/ideas/deliveries">{t('webhooks.link')}</Link>
      </section>
    )
  }
  if (!open) {
    return (
      <section className="hub-bar" aria-label={t('ideas.hub.label')}>
        {me.user ? (
          <span role="note" data-testid="hub-not-member">
            {t('ideas.hub.notMember', { name: me.user.name })}
          </span>
        ) : (
          <span className="muted">{t('ideas.hub.readOnly')}</span>
        )}
        <button ref={enter} type="button" onClick={() => setOpen(true)}>
          {t('ideas.hub.enter')}
        </button>
      </section>
    )
  }
  const submit = async () => {
    const candidate = value.trim()
    if (!candidate || status.kind === 'checking') return
    setStatus({ kind: 'checking' })
    const check = await checkHubToken(candidate)
    if (check === 'valid') {
      justChanged.current = true
      saveHubToken(candidate)
      setValue('')
      setOpen(false)
      setStatus({ kind: 'idle' })
    } else {
      setStatus({ kind: check })
    }
  }
  return (
    <section className="hub-bar" aria-label={t('ideas.hub.label')}>
      <form
        className="hub-token-form"
        onSubmit={(event) => {
          event.preventDefault()
          void submit()
        }}
      >
        <label htmlFor="hub-token">{t('ideas.hub.tokenLabel')}</label>
        <div className="copy-row">
          <input
            id="hub-token"
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={value}
            onChange={(event) => setValue(event.target.value)}
            aria-describedby="hub-token-hint"
            aria-invalid={status.kind === 'invalid'}
            autoFocus
          />
          <button type="submit" aria-disabled={status.kind === 'checking'} disabled={!value.trim()}>
            {status.kind === 'checking' ? t('ideas.hub.checking') : t('ideas.hub.save')}
          </button>
          <button
            type="button"
            onClick={() => {
              justChanged.current = true
              setOpen(false)
              setValue('')
              setStatus({ kind: 'idle' })
            }}
          >
            {t('promote.cancel')}
          </button>
        </div>
        <p id="hub-token-hint" className="muted">
          {t('ideas.hub.tokenHint')}
        </p>
        {status.kind === 'invalid' && (
          <p className="error" role="alert">
            {t('ideas.hub.invalid')}
          </p>
        )}
        {status.kind === 'unreachable' && (
          <p className="error" role="alert">
            {t('ideas.networkError')}
          </p>
        )}
      </form>
    </section>
  )
}
