import { useCallback } from 'react'
import { useStore } from '../lib/use-store.ts'
import {
  localeStore,
  moreStringsStore,
  translate,
  type Locale,
  type MessageKey,
  type Params,
  type Translate,
} from './index.ts'

/** The current language and a translate function bound to it. */
export function useT(): { t: Translate; locale: Locale } {
  const locale = useStore(localeStore)
  // A new function when further strings arrive, so that memoised children translate again.
  const moreStrings = useStore(moreStringsStore)
  // eslint-disable-next-line react-hooks/exhaustive-deps -- moreStrings: see above
  const t = useCallback((key: MessageKey, params?: Params) => translate(locale, key, params), [locale, moreStrings])
  return { t, locale }
}
