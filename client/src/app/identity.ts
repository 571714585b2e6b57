import { loadIdentity } from '../identity/identity.ts'
import { localeStore } from '../i18n/index.ts'

/** This browser's display name and colour, shared by every board it opens. */
export const identityStore = loadIdentity(localeStore.get())
