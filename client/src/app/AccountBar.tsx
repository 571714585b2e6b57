import { useStore } from '../lib/use-store.ts'
import { useT } from '../i18n/use-t.ts'
import { currentPath, meStore, signInHref, signOut } from './me.ts'

/**
 * With sign-in (AUTH=oidc): who is signed in and "Sign out", or "Sign in", in a page's top
 * strip. Nothing with share links only (AUTH=links), where nobody signs in.
 */
export function AccountBar() {
  const { t } = useT()
  const me = useStore(meStore)
  if (me.auth !== 'oidc') return null
  if (!me.user) {
    return (
      <div className="account-bar" data-testid="account-bar">
        <a className="button" href={signInHref(currentPath())} data-testid="sign-in">
          {t('account.signIn')}
        </a>
      </div>
    )
  }
  return (
    <div className="account-bar" data-testid="account-bar">
      <span data-testid="signed-in-name">{t('account.signedInAs', { name: me.user.name })}</span>{' '}
      <button type="button" className="link-button" onClick={() => void signOut()} data-testid="sign-out">
        {t('account.signOut')}
      </button>
    </div>
  )
}
