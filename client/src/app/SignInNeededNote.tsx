import { useT } from '../i18n/use-t.ts'
import { useStore } from '../lib/use-store.ts'
import { meStore } from './me.ts'

/**
 * Beside share links, with AUTH=oidc and GUEST_LINKS=false: whoever is invited signs in before
 * the board opens. Nothing otherwise.
 */
export function SignInNeededNote() {
  const { t } = useT()
  const me = useStore(meStore)
  if (me.auth !== 'oidc' || me.guestLinks) return null
  return (
    <p className="muted" data-testid="links-need-sign-in">
      {t('invite.signInNeeded')}
    </p>
  )
}
