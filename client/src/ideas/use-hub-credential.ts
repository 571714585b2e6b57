import { meStore } from '../app/me.ts'
import { useStore } from '../lib/use-store.ts'
import { hubTokenStore, isHubMember } from './hub-token.ts'

/**
 * How this browser acts as the innovation hub: with the hub token kept on this device, or (token
 * null) as a signed-in member of the hub group (AUTH=oidc), whose session cookie is the
 * credential. Null when it cannot: the registry is then read-only.
 */
export function useHubCredential(): { token: string | null } | null {
  const token = useStore(hubTokenStore)
  const me = useStore(meStore)
  if (token) return { token }
  return isHubMember(me) ? { token: null } : null
}
