import { signInHref } from '../../app/me.ts'
import { useT } from '../../i18n/use-t.ts'
import { Link } from '../../router/router.tsx'

/**
 * With AUTH=oidc and GUEST_LINKS=false a share link opens its board only to people who have
 * signed in: say so and offer the sign-in, which comes back to this board (its link is kept on
 * this device, so the address to return to needs no token). Shown instead of the board, before
 * any connection, or when the server refuses one with 4401 "sign-in required".
 */
export function SignInToJoin({ boardId }: { boardId: string }) {
  const { t } = useT()
  return (
    <main className="page narrow" data-testid="sign-in-to-join">
      <h1>{t('signInToJoin.title')}</h1>
      <p>{t('signInToJoin.body')}</p>
      <p>
        <a
          className="button primary"
          href={signInHref(`/b/${encodeURIComponent(boardId)}`)}
          data-testid="sign-in-to-join-button"
        >
          {t('signInToJoin.button')}
        </a>
      </p>
      <p>
        <Link to="/">{t('refusedScreen.home')}</Link>
      </p>
    </main>
  )
}
