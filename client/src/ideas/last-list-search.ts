import { Store } from '../lib/store.ts'

/** The registry list's last query string, so "back to the list" keeps its filters. */
export const lastListSearch = new Store<string>('')
