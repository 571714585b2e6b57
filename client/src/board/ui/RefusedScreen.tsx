import { CloseCode } from '@shared/protocol.ts'
import { useT } from '../../i18n/use-t.ts'
import type { MessageKey } from '../../i18n/index.ts'
import { Link } from '../../router/router.tsx'

const MESSAGES: Record<number, { title: MessageKey; body: MessageKey }> = {
  [CloseCode.Unauthorized]: { title: 'refusedScreen.unauthorized.title', body: 'refusedScreen.unauthorized.body' },
  [CloseCode.Forbidden]: { title: 'refusedScreen.forbidden.title', body: 'refusedScreen.forbidden.body' },
  [CloseCode.NotFound]: { title: 'refusedScreen.notFound.title', body: 'refusedScreen.notFound.body' },
}

/** The server refused the link for good: say why, instead of retrying forever. */
export function RefusedScreen({ code }: { code: number }) {
  const { t } = useT()
  const message = MESSAGES[code] ?? { title: 'refusedScreen.other.title', body: 'refusedScreen.other.body' }
  return (
    <main className="page narrow" data-testid="refused" data-code={code}>
      <h1>{t(message.title)}</h1>
      <p>{t(message.body)}</p>
      <p className="muted">{t('refusedScreen.code', { code })}</p>
      <Link to="/">{t('refusedScreen.home')}</Link>
    </main>
  )
}
