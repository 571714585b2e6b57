import { useCallback } from 'react'
import { useStore } from '../lib/use-store.ts'
import { localeStore, translate, type Locale, type MessageKey, type Params, type Translate } from './index.ts'

/** The current language and a translate function bound to it. */
export function useT(): { t: Translate; locale: Locale } {
  const locale = useStore(localeStore)
  const t = useCallback((key: MessageKey, params?: Params) => translate(locale, key, params), [locale])
  return { t, locale }
}
