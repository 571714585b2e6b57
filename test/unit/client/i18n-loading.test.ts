import { describe, expect, it } from 'vitest'
import { CATALOGUES } from '../../../client/src/i18n/catalogues.ts'
import {
  loadCatalogue,
  loadMoreStrings,
  localeStore,
  moreStringsStore,
  setLocale,
  translate,
} from '../../../client/src/i18n/index.ts'
import { eventually } from '../../helpers/poll.ts'

/**
 * The two parts of a language's strings (i18n/index.ts): the first strings before the app
 * renders, the further ones with the first lazy page or part, or when a key of theirs is asked.
 * One module state for the whole file: the steps run in order.
 */
describe('loading the strings in two parts', () => {
  it('a key of the further strings asked before they arrived shows as itself, loads them, and then shows its message', async () => {
    localeStore.set('en')
    await loadCatalogue('en')
    expect(translate('en', 'nav.home')).toBe(CATALOGUES.en['nav.home'])
    const arrivals = moreStringsStore.get()
    expect(translate('en', 'invite.title')).toBe('invite.title')
    await eventually(() => moreStringsStore.get() > arrivals)
    expect(translate('en', 'invite.title')).toBe(CATALOGUES.en['invite.title'])
  })

  it('once the further strings were wanted, a language chosen later comes with them', async () => {
    await loadMoreStrings()
    await setLocale('fi')
    expect(localeStore.get()).toBe('fi')
    expect(translate('fi', 'nav.home')).toBe(CATALOGUES.fi['nav.home'])
    expect(translate('fi', 'invite.title')).toBe(CATALOGUES.fi['invite.title'])
  })
})
