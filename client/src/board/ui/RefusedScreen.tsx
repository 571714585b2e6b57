import { CloseCode, CloseReason } from '@shared/protocol.ts'
import { useT } from '../../i18n/use-t.ts'
import type { MessageKey } from '../../i18n/index.ts'
import { Link } from '../../router/router.tsx'

const MESSAGES: Record<number, { title: MessageKey; body: MessageKey }> = {
  [CloseCode.Unauthorized]: { title: 'refusedScreen.unauthorized.title', body: 'refusedScreen.unauthorized.body' },
  [CloseCode.Forbidden]: { title: 'refusedScreen.forbidden.title', body: 'refusedScreen.forbidden.body' },
  [CloseCode.NotFound]: { title: 'refusedScreen.notFound.title', body: 'refusedScreen.notFound.body' },
  [CloseCode.LinkExpired]: { title: 'refusedScreen.expired.title', body: 'refusedScreen.expired.body' },
}

/** Not the link's fault: the person signed out (in this tab, another, or on another device). */
const SIGNED_OUT: { title: MessageKey; body: MessageKey } = {
  title: 'refusedScreen.signedOut.title',
  body: 'refusedScreen.signedOut.body',
}

/**
 * The server refused the link for good: say why in plain words, instead of retrying forever.
 * The close code is for whoever helps them, folded away under "Technical details".
 */
export function RefusedScreen({ code, reason = '' }: { code: number; reason?: string }) {
  const { t } = useT()
  const message =
    code === CloseCode.Unauthorized && reason === CloseReason.SignedOut
      ? SIGNED_OUT
      : (MESSAGES[code] ?? { title: 'refusedScreen.other.title', body: 'refusedScreen.other.body' })
  return (
    <main className="page narrow" data-testid="refused" data-code={code}>
      <h1>{t(message.title)}</h1>
      <p>{t(message.body)}</p>
      <p>
        <Link to="/">{t('refusedScreen.home')}</Link>
      </p>
      <details className="technical-details">
        <summary>{t('refusedScreen.details')}</summary>
        <p>{t('refusedScreen.code', { code })}</p>
      </details>
    </main>
  )
}
